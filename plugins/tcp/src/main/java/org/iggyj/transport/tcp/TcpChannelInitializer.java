package org.iggyj.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.iggyj.protocol.TlsDecryptAllocator;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.TransportContext;
import org.iggyj.spi.wire.InPlaceReads;
import org.iggyj.spi.wire.OrderedCommandHandler;
import org.iggyj.spi.wire.RequestFrameDecoder;
import org.iggyj.spi.wire.TlsRegionReader;

/**
 * Builds each accepted connection's pipeline: an {@code SslHandler} and a {@link TlsWriteSlicer} when TLS
 * is on (with the OpenSSL engine, a {@link TlsDecryptAllocator} that lets it decrypt into the request
 * being received; a {@link TlsRegionReader} that reads polled messages from their files slice by slice),
 * without TLS {@link InPlaceReads} (the socket read into the request being received), then
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
        RequestFrameDecoder frames = new RequestFrameDecoder(context.limits());
        if (ssl != null) {
            ServerTls.sizeReads(channel);
            SslHandler tls = ServerTls.handler(ssl, channel.alloc(), TlsWriteSlicer.SLICE_BYTES);
            if (ServerTls.canDecryptInPlace(tls)) {
                // large send requests decrypted straight into the frame decoder's buffer for them
                TlsDecryptAllocator.install(channel, frames::decryptRoom);
            }
            channel.pipeline().addLast("tls", tls).addLast("tls-slicer", new TlsWriteSlicer());
            if (ServerTls.pollsFromFiles()) {
                // polls answered with file regions, read slice by slice right before encryption
                channel.pipeline().addLast("tls-regions", new TlsRegionReader(TlsWriteSlicer.SLICE_BYTES));
            }
        } else {
            // large send requests read from the socket straight into the frame decoder's buffer for them
            InPlaceReads.install(channel, frames);
        }
        channel.pipeline()
                .addLast("frame-decoder", frames)
                .addLast("command-handler",
                        new OrderedCommandHandler(context.dispatcher(), context.sessions(), TransportKind.TCP,
                                ssl == null || ServerTls.pollsFromFiles(), maxInFlightSends));
    }
}
