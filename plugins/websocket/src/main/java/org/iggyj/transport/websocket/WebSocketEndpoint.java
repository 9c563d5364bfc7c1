package org.iggyj.transport.websocket;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.spi.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound WebSocket listener and its connections. {@link #close()} stops accepting, then closes
 * every connection; idempotent, blocks until done (bounded), never called from an event loop.
 */
final class WebSocketEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Channel serverChannel;
    private final SocketAddress boundAddress;
    private final ChannelGroup connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    WebSocketEndpoint(Channel serverChannel, ChannelGroup connections) {
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
        connections.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
        LOG.info("websocket transport on {} closed", boundAddress);
    }
}
