package org.iggyj.transport.kafka;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.spi.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound Kafka listener. {@link #close()} stops accepting, closes every connection and the group
 * coordinator's timers; idempotent, blocks (bounded) and must not be called from an event loop.
 */
final class KafkaEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEndpoint.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Channel serverChannel;
    private final SocketAddress boundAddress;
    private final OpenChannels channels;
    private final KafkaBroker broker;
    private final AtomicBoolean closed = new AtomicBoolean();

    KafkaEndpoint(Channel serverChannel, OpenChannels channels, KafkaBroker broker) {
        this.serverChannel = serverChannel;
        this.boundAddress = serverChannel.localAddress();
        this.channels = channels;
        this.broker = broker;
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
        channels.closeAll(CLOSE_TIMEOUT);
        broker.groups().close();
        LOG.info("kafka transport on {} closed", boundAddress);
    }
}
