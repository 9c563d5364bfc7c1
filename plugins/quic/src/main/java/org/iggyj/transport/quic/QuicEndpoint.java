package org.iggyj.transport.quic;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.spi.Endpoint;

/**
 * The bound UDP channel of the QUIC listener; closing it ends every QUIC connection on it.
 * Idempotent, blocking, never called from an event loop.
 */
final class QuicEndpoint implements Endpoint {

    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private final Channel channel;
    private final SocketAddress boundAddress;
    private final AtomicBoolean closed = new AtomicBoolean();

    QuicEndpoint(Channel channel) {
        this.channel = channel;
        this.boundAddress = channel.localAddress();
    }

    @Override
    public SocketAddress address() {
        return boundAddress;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
        }
    }
}
