package org.iggyj.transport.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.TransportContext;
import org.iggyj.spi.wire.OrderedCommandHandler;
import org.iggyj.spi.wire.RequestFrameDecoder;
import org.iggyj.spi.wire.TlsRegionReader;

/**
 * Builds each accepted connection's pipeline: TLS when on (with a {@link TlsWriteSlicer} and a
 * {@link TlsRegionReader}: polls read from their files slice by slice, as over TCP), the HTTP codec
 * for the upgrade request, the WebSocket protocol handler (handshake, ping/pong, close),
 * {@link BinaryMessageCodec} between WebSocket messages and bytes, then the shared request decoder and
 * ordered command handler. Shared by all connections of one endpoint.
 */
final class WebSocketChannelInitializer extends ChannelInitializer<Channel> {

    /** The upgrade request has no body; this only bounds a misbehaving client. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 64 * 1024;

    private final TransportContext context;
    private final ChannelGroup connections;
    private final SslContext ssl;
    private final WebSocketServerProtocolConfig protocol;

    WebSocketChannelInitializer(TransportContext context, ChannelGroup connections, SslContext ssl,
                                WebSocketServerProtocolConfig protocol) {
        this.context = context;
        this.connections = connections;
        this.ssl = ssl;
        this.protocol = protocol;
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        boolean pollsFromFiles = ssl != null && ServerTls.pollsFromFiles();
        if (ssl != null) {
            ServerTls.sizeReads(channel);
            // Sliced as over TCP: a 1 MB poll reply (one binary frame) is otherwise encrypted whole before
            // its first byte leaves, and the client decrypts it only after that.
            pipeline.addLast("tls", ServerTls.handler(ssl, channel.alloc(), TlsWriteSlicer.SLICE_BYTES))
                    .addLast("tls-slicer", new TlsWriteSlicer());
            if (pollsFromFiles) {
                // Polls answered with file regions, read right before encryption instead of whole on the
                // partition's owner. The handshake puts the WebSocket encoder after this, and it lets the
                // regions and the raw parts of a reply (BinaryMessageCodec) through untouched.
                pipeline.addLast("tls-regions", new TlsRegionReader(TlsWriteSlicer.SLICE_BYTES));
            }
        }
        pipeline.addLast("http-codec", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES))
                .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
                .addLast("binary-messages", new BinaryMessageCodec(pollsFromFiles))
                .addLast("frame-decoder", new RequestFrameDecoder(context.limits()))
                .addLast("command-handler", new OrderedCommandHandler(context.dispatcher(), context.sessions(),
                        TransportKind.WEBSOCKET, pollsFromFiles));
    }
}
