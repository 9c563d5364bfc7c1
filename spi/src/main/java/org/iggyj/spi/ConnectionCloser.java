package org.iggyj.spi;

/**
 * How the kernel asks a transport to end one connection it opened a session for: a connection that
 * never logged in within the login timeout, for one. Given by the transport to
 * {@link Sessions#open(org.iggyj.protocol.TransportKind, java.net.InetSocketAddress, boolean, ConnectionCloser)}.
 */
@FunctionalInterface
public interface ConnectionCloser {

    /**
     * Ends the connection. Where the protocol allows, the transport first sends an unsolicited error
     * reply carrying {@code errorCode} (a binary-protocol reply header with that status and no body),
     * then closes. Called from a kernel thread, possibly while a request is in flight; must hand the
     * work to the connection's own thread and not block. Calling it again, or after the connection
     * closed, does nothing.
     *
     * @param errorCode the Iggy error code telling the client why
     * @param reason    a short text for the transport's own logs; the kernel has already logged it
     */
    void close(int errorCode, String reason);
}
