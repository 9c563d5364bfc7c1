package org.iggyj.transport.tcp;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.spi.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound TCP listener and its connections. {@link #close()} stops accepting first, then sends each
 * connection error 8 and closes it; it is idempotent, blocks until done (bounded per connection) and
 * must not be called from an event loop.
 */
final class TcpEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TcpEndpoint.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Channel serverChannel;
    private final SocketAddress boundAddress;
    private final OpenConnections connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpEndpoint(Channel serverChannel, OpenConnections connections) {
        this.serverChannel = serverChannel;
        this.boundAddress = serverChannel.localAddress();
        this.connections = connections;
    }

    @Override
    public SocketAddress address() {
        return boundAddress;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
        connections.disconnectAll(CLOSE_TIMEOUT);
        LOG.info("tcp transport on {} closed", boundAddress);
    }
}
