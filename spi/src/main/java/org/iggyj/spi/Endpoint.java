package org.iggyj.spi;

import java.net.SocketAddress;

/**
 * A running transport listener. Closing it stops accepting, tells each open connection that the
 * server is going away (error 8, {@code Disconnected}, where the protocol has a way to say so),
 * closes them and releases the port. {@link #close()} is idempotent and may block until done.
 */
public interface Endpoint extends AutoCloseable {

    /**
     * The address actually bound, so that a listener configured on port 0 can be found.
     *
     * @return the bound local address
     */
    SocketAddress address();

    @Override
    void close();
}
