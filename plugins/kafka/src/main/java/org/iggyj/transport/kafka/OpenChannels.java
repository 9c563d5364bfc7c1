package org.iggyj.transport.kafka;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;

/**
 * The listener's open connections, so closing the endpoint closes them too. Thread-safe.
 */
final class OpenChannels {

    private final ChannelGroup channels = new DefaultChannelGroup("kafka", GlobalEventExecutor.INSTANCE);

    void add(Channel channel) {
        channels.add(channel);
    }

    void closeAll(Duration timeout) {
        channels.close().awaitUninterruptibly(timeout.toMillis());
    }
}
