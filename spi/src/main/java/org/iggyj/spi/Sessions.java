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
     * Ends a session: it leaves its consumer groups and disappears from the client list.
     * Idempotent.
     *
     * @param session a session from {@link #open}
     */
    void close(Session session);
}
