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
}
