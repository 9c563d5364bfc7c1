package org.iggyj.spi;

import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;

/**
 * The kernel's registry of connected clients. A transport opens a session when a connection is
 * accepted and closes it when the connection ends; authentication state lives in the session and
 * only the kernel changes it. Safe to call from any thread.
 */
public interface Sessions {

    /**
     * @param kind   the transport kind reported in client records
     * @param remote the peer address
     * @return a new, unauthenticated session
     * @throws SessionRefusedException when the kernel refuses the connection
     */
    Session open(TransportKind kind, InetSocketAddress remote);

    /**
     * Opens a session for a transport that may be able to write file regions (zero-copy polls).
     * Registries that do not produce file regions ignore the flag.
     *
     * @param kind        the transport kind reported in client records
     * @param remote      the peer address
     * @param fileRegions whether the transport writes {@link Reply#fileRegions()} (plain TCP with
     *                    sendfile, TCP+TLS through {@code TlsRegionReader}); see {@link Session#acceptsFileRegions()}
     * @return a new, unauthenticated session
     */
    default Session open(TransportKind kind, InetSocketAddress remote, boolean fileRegions) {
        return open(kind, remote);
    }

    /**
     * Opens a session and gives the kernel a way to end its connection. The kernel uses the closer
     * for connections that do not log in within {@code [auth] login_timeout}; transports that open
     * sessions with the other methods are not timed out (their next command after the timeout is
     * refused and answered with close).
     *
     * @param kind        the transport kind reported in client records
     * @param remote      the peer address
     * @param fileRegions see {@link #open(TransportKind, InetSocketAddress, boolean)}
     * @param closer      ends the connection; called from a kernel thread
     * @return a new, unauthenticated session
     * @throws SessionRefusedException when the kernel refuses the connection (limits on connections
     *                                 that have not logged in); the transport answers and closes
     */
    default Session open(TransportKind kind, InetSocketAddress remote, boolean fileRegions, ConnectionCloser closer) {
        return open(kind, remote, fileRegions);
    }

    /**
     * Opens a session whose successful send_messages replies carry the first stored offset of the
     * batch (u64 LE) rather than Iggy's empty payload: for transports translating a protocol whose
     * produce answer names the offset (Kafka). Never for a transport that forwards replies to Iggy
     * clients, which expect the empty payload. Registries that cannot do it open a plain session;
     * see {@link Session#receivesAppendOffsets()}.
     *
     * @param kind   the transport kind reported in client records
     * @param remote the peer address
     * @return a new, unauthenticated session
     * @throws SessionRefusedException when the kernel refuses the connection
     */
    default Session openWithAppendOffsets(TransportKind kind, InetSocketAddress remote) {
        return open(kind, remote);
    }

    /**
     * Logs an open session in as a user whose credentials the transport has already had the kernel
     * verify, without verifying them again: for a transport that maps all its unauthenticated clients
     * to one configured user (the Kafka plugin's {@code anonymous_username}), so that each new
     * connection does not cost a password hash. The transport must have logged in with that user's
     * credentials through the login command first and remember the user id it answered; it owns the
     * decision of how long that verification stays good. Every command is authorised for the user as
     * usual, and a user that no longer exists may do nothing.
     *
     * @param session a listed session from {@link #open} or {@link #openWithAppendOffsets}
     * @param userId  the verified user's id
     * @throws UnsupportedOperationException when the registry does not support it (the transport then
     *                                       logs in with the credentials each time)
     */
    default void loginVerified(Session session, long userId) {
        throw new UnsupportedOperationException("verified logins are not supported");
    }

    /**
     * Ends a session: it leaves its consumer groups and disappears from the client list.
     * Idempotent.
     *
     * @param session a session from {@link #open}
     */
    void close(Session session);

    /**
     * Opens a session for one stateless request (HTTP) on behalf of a user whose identity the transport
     * has already verified (for example from a signed access token). The session is not listed among
     * clients and has client id 0, as Iggy 0.8 treats HTTP requests; close it after the request.
     *
     * @param kind   the transport kind
     * @param remote the peer address
     * @param userId the user the request runs as
     * @return an authenticated, unlisted session
     * @throws UnsupportedOperationException when the kernel does not support stateless sessions
     */
    default Session openAuthenticated(TransportKind kind, InetSocketAddress remote, long userId) {
        throw new UnsupportedOperationException("stateless sessions are not supported");
    }

    /**
     * Opens an unauthenticated session for one stateless request (an HTTP login), not listed among
     * clients and with client id 0; close it after the request.
     *
     * @param kind   the transport kind
     * @param remote the peer address
     * @return an unauthenticated, unlisted session
     * @throws UnsupportedOperationException when the kernel does not support stateless sessions
     */
    default Session openDetached(TransportKind kind, InetSocketAddress remote) {
        throw new UnsupportedOperationException("stateless sessions are not supported");
    }
}
