package org.iggyj.transport.quic;

import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.quic.QuicStreamChannel;
import org.iggyj.spi.TransportContext;

/**
 * Gives each stream a client opens its own {@link QuicRequestHandler}. Shared.
 */
final class QuicStreamInitializer extends ChannelInitializer<QuicStreamChannel> {

    private final TransportContext context;

    QuicStreamInitializer(TransportContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(QuicStreamChannel stream) {
        stream.pipeline().addLast("request", new QuicRequestHandler(context.dispatcher(), context.limits()));
    }
}
