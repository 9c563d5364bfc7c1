package org.iggyj.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.TransportContext;
import org.iggyj.spi.wire.OrderedCommandHandler;
import org.iggyj.spi.wire.RequestFrameDecoder;

/**
 * Builds each accepted connection's pipeline: an {@code SslHandler} and a {@link TlsWriteSlicer} when TLS
 * is on, then
 * {@link RequestFrameDecoder} and {@link OrderedCommandHandler}. Shared by all connections of one
 * endpoint; runs on each new channel's event loop.
 */
final class TcpChannelInitializer extends ChannelInitializer<Channel> {

    private final TransportContext context;
    private final OpenConnections connections;

    private final SslContext ssl;
    private final int maxInFlightSends;

    TcpChannelInitializer(TransportContext context, OpenConnections connections, SslContext ssl,
                          int maxInFlightSends) {
        this.context = context;
        this.connections = connections;
        this.ssl = ssl;
        this.maxInFlightSends = maxInFlightSends;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connections.admit(channel)) {
            // Accepted while the endpoint was closing.
            channel.close();
            return;
        }
        if (ssl != null) {
            ServerTls.sizeReads(channel);
            channel.pipeline().addLast("tls", ServerTls.handler(ssl, channel.alloc(), TlsWriteSlicer.SLICE_BYTES))
                    .addLast("tls-slicer", new TlsWriteSlicer());
        }
        channel.pipeline()
                .addLast("frame-decoder", new RequestFrameDecoder(context.limits()))
                .addLast("command-handler",
                        new OrderedCommandHandler(context.dispatcher(), context.sessions(), TransportKind.TCP,
                                ssl == null, maxInFlightSends));
    }
}
