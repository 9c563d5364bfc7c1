package org.iggyj.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.iggyj.spi.TransportContext;

/**
 * Builds each accepted connection's pipeline: {@link RequestFrameDecoder} then
 * {@link TcpCommandHandler}. Shared by all connections of one endpoint; runs on each new channel's
 * event loop.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {

    private final TransportContext context;
    private final OpenConnections connections;

    TcpChannelInitializer(TransportContext context, OpenConnections connections) {
        this.context = context;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connections.admit(channel)) {
            // Accepted while the endpoint was closing.
            channel.close();
            return;
        }
        channel.pipeline()
                .addLast("frame-decoder", new RequestFrameDecoder(context.limits()))
                .addLast("command-handler", new TcpCommandHandler(context.dispatcher(), context.sessions()));
    }
}
