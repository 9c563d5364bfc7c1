package org.iggyj.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.iggyj.spi.wire.ReplyFrame;

/**
 * The accepted connections of one endpoint, so that shutdown can tell each client it is going away.
 * Channels join from their event loop when initialised and leave when closed; {@link #disconnectAll}
 * runs on the shutdown thread. Thread-safe.
 */
final class OpenConnections {

    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * @param channel a newly accepted channel
     * @return false when the endpoint is closing; the caller then closes the channel
     */
    boolean admit(Channel channel) {
        channels.add(channel);
        // Checked after adding: disconnectAll sets the flag before it looks at the set, so a channel
        // racing with it is either seen there or refused here.
        if (closing) {
            channels.remove(channel);
            return false;
        }
        channel.closeFuture().addListener(future -> channels.remove(channel));
        return true;
    }

    /**
     * Sends each connection an unsolicited error 8 ({@code Disconnected}) frame, closes it and waits
     * for it to close.
     *
     * @param timeout how long to wait for each connection at most
     */
    void disconnectAll(Duration timeout) {
        closing = true;
        List<Channel> snapshot = new ArrayList<>(channels);
        for (Channel channel : snapshot) {
            channel.writeAndFlush(ReplyFrame.header(channel.alloc(), ReplyFrame.DISCONNECTED, 0))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        for (Channel channel : snapshot) {
            channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
        }
    }

    /**
     * @return how many connections are open
     */
    int size() {
        return channels.size();
    }
}
