package org.iggyj.transport.quic;

import java.util.List;
import org.iggyj.spi.ConfigSchema;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
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
 * per-stream flow-control window, raised to at least {@value #MIN_STREAM_WINDOW} bytes; times the stream
 * limit, capped at 1 GiB, the connection window), {@code initial_mtu} (the largest UDP payload sent and
 * accepted, at least QUIC's 1200 bytes), {@code max_idle_timeout} and {@code [quic.socket]}
 * ({@code override_defaults}, {@code recv_buffer_size}, {@code send_buffer_size}). TLS is mandatory: the kernel always
 * hands QUIC its material.
 *
 * <p>Design note: each request travels on its own stream, so a stream window smaller than a batch (Iggy's
 * default {@code receive_window} is 100 KB, a batch of 1000 × 1 KiB messages is 1 MB) makes the client
 * stop and wait for window updates several times per request; the floor lets a whole batch go out at
 * once, as quinn's own per-stream default (1.25 MB) does upstream. Datagrams as large as
 * {@code initial_mtu} (8 KB by default) instead of quiche's 1350 bytes cut the packets, and with them the
 * per-packet encryption and system calls, by six; on a loopback listener, 65,000 bytes (see
 * {@link #sendUdpPayload}).
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
    /** Smallest per-stream window: a 1 MB batch with room for its framing. */
    static final long MIN_STREAM_WINDOW = 2L << 20;
    /** QUIC's minimum datagram size (RFC 9000 §14) and the largest a UDP datagram can carry. */
    private static final long MIN_UDP_PAYLOAD = 1200;
    private static final long MAX_UDP_PAYLOAD = 65_527;
    /**
     * Datagram size on a loopback listener, whose peers are all on this host: the loopback MTU is 65,536 bytes
     * (this leaves room for the IPv4 or IPv6 and UDP headers), as TCP's segments on loopback are. quiche
     * itself cuts every packet after the handshake at 16,383 bytes (the length must fit a 2-byte varint), so
     * what goes out is 16,383-byte datagrams: 64 per 1 MB batch.
     */
    static final long LOOPBACK_UDP_PAYLOAD = 65_000;
    /**
     * Socket buffers asked for unless {@code [quic.socket] override_defaults}: a datagram that finds the
     * receive buffer full is dropped, and the OS default (~200 KB) holds a fifth of a 1 MB batch, so a burst
     * costs a loss and the congestion window. The OS caps the request at {@code net.core.rmem_max}.
     */
    static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 << 20;
    /** Datagrams read before quiche may send (acknowledgements too), as Netty's datagram channels by default. */
    private static final int DATAGRAMS_PER_READ = 16;

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
        long window = Math.max(MIN_STREAM_WINDOW, config.bytes("receive_window", 100_000));
        InetSocketAddress address = bindAddress(config.get(QuicConfig.ADDRESS));
        long udpPayload = sendUdpPayload(config.bytes("initial_mtu", 8_000), address);
        Duration idle = config.duration("max_idle_timeout", Duration.ofSeconds(10));
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(idle.toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(Math.min(MAX_CONNECTION_WINDOW, window * Math.max(1, streams)))
                .initialMaxStreamDataBidirectionalLocal(window)
                .initialMaxStreamDataBidirectionalRemote(window)
                .initialMaxStreamsBidirectional(streams)
                .maxSendUdpPayloadSize(udpPayload)
                .maxRecvUdpPayloadSize(MAX_UDP_PAYLOAD)
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                // Connections and streams are channels of their own: without this they would use Netty's
                // default allocator, whose adaptive pool hands every 1 MB request an unpooled buffer.
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .streamOption(ChannelOption.ALLOCATOR, context.allocator())
                .handler(new QuicConnectionHandler(context.sessions()))
                .streamHandler(new QuicStreamInitializer(context))
                .build();
        KernelConfig socket = config.section("socket");
        boolean override = socket.bool("override_defaults", false);
        int recvBuffer = (int) (override ? socket.bytes("recv_buffer_size", 64_000) : DEFAULT_SOCKET_BUFFER_BYTES);
        int sendBuffer = (int) (override ? socket.bytes("send_buffer_size", 64_000) : DEFAULT_SOCKET_BUFFER_BYTES);
        Channel channel = new Bootstrap()
                .group(context.io().workers())
                .channel(context.io().datagramChannelClass())
                .option(ChannelOption.ALLOCATOR, context.allocator())
                // Datagram channels read into 2 KiB buffers by default, which would truncate larger datagrams.
                .option(ChannelOption.RCVBUF_ALLOCATOR, datagramReads())
                .option(ChannelOption.SO_RCVBUF, recvBuffer)
                .option(ChannelOption.SO_SNDBUF, sendBuffer)
                .handler(codec)
                .bind(address)
                .sync().channel();
        LOG.info("quic transport listening on {} (ALPN {}, datagrams up to {} bytes)", channel.localAddress(), ALPN,
                udpPayload);
        return new QuicEndpoint(channel);
    }

    /**
     * The largest UDP payload this server sends: {@code initial_mtu}, within QUIC's and UDP's limits, and on a
     * loopback listener at least {@link #LOOPBACK_UDP_PAYLOAD}. quiche sends every datagram at this size once
     * the handshake is done (its path MTU discovery did not raise the size on loopback in our runs), so a
     * size above a real path's MTU would be fragmented; on loopback there is no such path.
     *
     * @param configured {@code initial_mtu}
     * @param address    the listener's address
     * @return the {@code max_send_udp_payload_size} to give quiche
     */
    static long sendUdpPayload(long configured, InetSocketAddress address) {
        long size = Math.min(MAX_UDP_PAYLOAD, Math.max(MIN_UDP_PAYLOAD, configured));
        return address.getAddress().isLoopbackAddress() ? Math.max(size, LOOPBACK_UDP_PAYLOAD) : size;
    }

    /**
     * Reads of whole datagrams, up to {@value #DATAGRAMS_PER_READ} of them per read loop. A fixed allocator
     * allows one read per loop unless told otherwise, and the QUIC codec lets quiche send after each loop:
     * with one datagram per loop every datagram a peer sends was acknowledged in a datagram of its own (70
     * acknowledgements per 1 MB batch, each a quiche send and a system call on both ends).
     *
     * @return the datagram channel's receive allocator
     */
    static RecvByteBufAllocator datagramReads() {
        // A datagram shorter than the buffer says nothing about whether more are queued.
        return new FixedRecvByteBufAllocator((int) MAX_UDP_PAYLOAD).respectMaybeMoreData(false)
                .maxMessagesPerRead(DATAGRAMS_PER_READ);
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
