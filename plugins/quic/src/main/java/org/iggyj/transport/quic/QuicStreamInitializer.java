package org.iggyj.transport.quic;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.handler.codec.quic.QuicStreamChannel;
import org.iggyj.protocol.RoomReads;
import org.iggyj.spi.TransportContext;

/**
 * Gives each stream a client opens its own {@link QuicRequestHandler}, and the stream's reads the room that
 * handler lends for the request's payload. Shared.
 */
final class QuicStreamInitializer extends ChannelInitializer<QuicStreamChannel> {

    private final TransportContext context;

    QuicStreamInitializer(TransportContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(QuicStreamChannel stream) {
        QuicRequestHandler requests = new QuicRequestHandler(context.dispatcher(), context.limits());
        ChannelConfig config = stream.config();
        // The stream's own allocator (Netty's adaptive one) still sizes the reads the handler lends no room for.
        if (config.getRecvByteBufAllocator() instanceof MaxMessagesRecvByteBufAllocator reads) {
            config.setRecvByteBufAllocator(new RoomReads(reads, requests::readRoom));
        }
        stream.pipeline().addLast("request", requests);
    }
}
