package org.iggyj.transport.quic;

import java.util.List;
import org.iggyj.spi.ConfigSchema;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.TlsMaterial;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QUIC transport extension. Reads from {@code [quic]}: {@code address} (default
 * {@value #DEFAULT_ADDRESS}), {@code max_concurrent_bidi_streams}, {@code receive_window} (the
 * per-stream and, times the stream limit capped at 1 GiB, the connection flow-control window) and
 * {@code max_idle_timeout}. TLS is mandatory: the kernel always hands QUIC its material.
 *
 * <p>Stateless: {@link #start} is called once, from the kernel's startup thread.
 */
@Extension
public final class QuicTransport implements Transport {

    /** The transport name, plugin id and config section. */
    public static final String NAME = "quic";
    /** Iggy 0.8's default listener address. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8080";
    /** The ALPN this server selects; BoringSSL needs one for QUIC (Iggy 0.8 clients send none). */
    public static final String ALPN = "iggy";

    private static final Logger LOG = LoggerFactory.getLogger(QuicTransport.class);
    private static final long MAX_CONNECTION_WINDOW = 1L << 30;

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(QuicConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint start(TransportContext context) throws InterruptedException {
        KernelConfig config = context.config();
        TlsMaterial tls = context.tls().orElseThrow(
                () -> new IllegalStateException("[quic] needs TLS material; the kernel provides none"));
        QuicSslContext ssl = QuicSslContextBuilder.forServer(tls.privateKey(), null,
                tls.certificateChain().toArray(new X509Certificate[0])).applicationProtocols(ALPN).build();
        long streams = config.integer("max_concurrent_bidi_streams", 10_000);
        long window = config.bytes("receive_window", 100_000);
        Duration idle = config.duration("max_idle_timeout", Duration.ofSeconds(10));
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(idle.toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(Math.min(MAX_CONNECTION_WINDOW, window * Math.max(1, streams)))
                .initialMaxStreamDataBidirectionalLocal(window)
                .initialMaxStreamDataBidirectionalRemote(window)
                .initialMaxStreamsBidirectional(streams)
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                .handler(new QuicConnectionHandler(context.sessions()))
                .streamHandler(new QuicStreamInitializer(context))
                .build();
        Channel channel = new Bootstrap()
                .group(context.io().workers())
                .channel(context.io().datagramChannelClass())
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .handler(codec)
                .bind(bindAddress(config.get(QuicConfig.ADDRESS)))
                .sync().channel();
        LOG.info("quic transport listening on {} (ALPN {})", channel.localAddress(), ALPN);
        return new QuicEndpoint(channel);
    }

    static InetSocketAddress bindAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("[quic] address must be host:port, got '" + address + "'");
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(address.substring(colon + 1)));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("[quic] address is not host:port: '" + address + "'", e);
        }
    }
}
