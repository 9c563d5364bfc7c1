package org.iggyj.transport.websocket;

import java.util.List;
import org.iggyj.spi.BindAddress;
import org.iggyj.spi.ConfigSchema;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.StreamListener;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport extension. Reads from its {@code [websocket]} section: {@code address}
 * (default {@value #DEFAULT_ADDRESS}), {@code max_frame_size} (default 16 MiB, the largest single
 * WebSocket frame accepted) and {@code accept_unmasked_frames}; TLS ({@code wss}) is on when the
 * kernel hands it {@link TransportContext#tls() material}. The other tungstenite buffer keys of Iggy
 * are accepted and ignored: Netty streams message fragments instead of buffering whole messages.
 *
 * <p>Stateless: {@link #start} is called once, from the kernel's startup thread.
 */
@Extension
public final class WebSocketTransport implements Transport {

    /** The transport name, plugin id and config section. */
    public static final String NAME = "websocket";
    /** Iggy 0.8's default listener address. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8092";
    /** tungstenite's default maximum frame size, which Iggy keeps. */
    static final long DEFAULT_MAX_FRAME_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(WebSocketConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint start(TransportContext context) throws InterruptedException {
        KernelConfig config = context.config();
        SslContext ssl = context.tls().map(material -> ServerTls.context("websocket.tls", material)).orElse(null);
        InetSocketAddress bindAddress = BindAddress.parse("websocket", config.get(WebSocketConfig.ADDRESS), false);
        long maxFrame = Math.min(Integer.MAX_VALUE, config.bytes("max_frame_size", DEFAULT_MAX_FRAME_BYTES));
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                // Iggy upgrades on any path.
                .websocketPath("/")
                .checkStartsWith(true)
                .maxFramePayloadLength((int) maxFrame)
                .allowMaskMismatch(config.bool("accept_unmasked_frames", false))
                .dropPongFrames(true)
                .build();
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        StreamListener listener = StreamListener.builder(NAME, context, bindAddress)
                .childHandler(new WebSocketChannelInitializer(context, connections, ssl, protocol))
                .onClose(timeout -> connections.close().awaitUninterruptibly(timeout.toMillis()))
                .bind();
        LOG.info("websocket transport listening on {}{}", listener.address(),
                ssl == null ? "" : " with TLS on the " + ServerTls.engineDescription());
        return listener;
    }
}
