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
     */
    Session open(TransportKind kind, InetSocketAddress remote);

    /**
     * Opens a session for a transport that may be able to write file regions (zero-copy polls).
     * Registries that do not produce file regions ignore the flag.
     *
     * @param kind        the transport kind reported in client records
     * @param remote      the peer address
     * @param fileRegions whether the transport writes {@link Reply#fileRegions()} (no TLS or framing
     *                    in between); see {@link Session#acceptsFileRegions()}
     * @return a new, unauthenticated session
     */
    default Session open(TransportKind kind, InetSocketAddress remote, boolean fileRegions) {
        return open(kind, remote);
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
