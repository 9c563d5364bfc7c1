package org.iggyj.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;
import org.iggyj.protocol.RoomReads;
import org.iggyj.protocol.StreamFrameReads;

/**
 * The QUIC side of {@link IggyConnection}: connects one QUIC connection (TLS always, ALPN
 * {@value #ALPN}) and sends each request on a new bidirectional stream, reading its reply to the end
 * of the stream, as Iggy 0.8's QUIC transport. Stateless.
 */
final class QuicRequests {

    /** The ALPN the iggyj QUIC server selects; BoringSSL requires one. */
    static final String ALPN = "iggy";
    /**
     * Receive window of each stream (16 times it for the connection): a poll of 10,240 messages of 1 KiB, over
     * 10 MiB, arrives without the server waiting for a window update (TransportsIT).
     */
    private static final long WINDOW_BYTES = 16L * 1024 * 1024;
    /**
     * Largest datagram sent: Iggy's default {@code initial_mtu}; quiche's default of 1350 bytes costs six
     * times the packets (each encrypted and sent on its own) per batch.
     */
    private static final long SEND_UDP_PAYLOAD = 8_000;
    /**
     * To a server on this host: the loopback MTU (65,536) less the IP and UDP headers, as the server does;
     * quiche cuts each packet at 16,383 bytes once the handshake is done, so that is the size sent.
     */
    private static final long LOOPBACK_UDP_PAYLOAD = 65_000;
    private static final long MAX_UDP_PAYLOAD = 65_527;
    /**
     * Datagrams read before quiche may send, that is before the client acknowledges: one 1 MB poll reply's
     * packets (64 of quiche's 16,383 bytes). The loop ends as soon as the socket is empty, so this only
     * counts when datagrams queue up, as they do when the client is short of CPU; then each acknowledgement
     * the client does not send is a quiche send and a system call saved on its side and a datagram less for
     * the server to take in. Netty's default of 16 acknowledged every 256 KB. The server's congestion window
     * (2.2 MB in our runs, app-limited at two 1 MB polls in flight) still has room while the client reads a
     * reply's worth before acknowledging. Measured: docs/benchmarks-history.md, "Fourteenth session (issue
     * #11): QUIC".
     */
    private static final int DATAGRAMS_PER_READ = 64;
    /** Pooled chunks of 8 KiB pages &lt;&lt; 11 = 16 MiB, as the server's (kernel {@code KernelAllocator}). */
    private static final int CHUNK_ORDER = 11;
    /**
     * For the datagram channel, the connection and every stream (a stream opened here takes no options from
     * the connection's bootstrap): a pooled allocator, rather than Netty's default adaptive one, where the
     * ninth session's profile found the client's datagram buffers; with 16 MiB chunks rather than Netty's
     * 4 MiB, because a reply is read into one buffer of its whole size (StreamReply): a 1 MB poll reply takes
     * a quarter of a 4 MiB chunk, which moves the chunk to the list Netty frees once it is empty again, so
     * each reply would allocate, touch and free a fresh chunk (the server's allocator has the same design
     * note). Measured under load in docs/benchmarks-history.md, "Thirteenth session (issue #11): QUIC".
     */
    private static final ByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true,
            PooledByteBufAllocator.defaultNumHeapArena(), PooledByteBufAllocator.defaultNumDirectArena(),
            PooledByteBufAllocator.defaultPageSize(), CHUNK_ORDER, PooledByteBufAllocator.defaultSmallCacheSize(),
            PooledByteBufAllocator.defaultNormalCacheSize(), PooledByteBufAllocator.defaultUseCacheForAllThreads());

    private QuicRequests() {
    }

    static QuicChannel connect(ClientIo io, String host, int port, Duration timeout, ClientTls tls) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forClient().applicationProtocols(ALPN);
        if (tls.trustedPem() != null && !tls.insecure()) {
            builder.trustManager(tls.trustedPem().toFile());
        } else {
            // Iggy's own clients do not validate QUIC certificates by default either.
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        QuicSslContext ssl = builder.build();
        InetSocketAddress server = new InetSocketAddress(host, port);
        Channel datagram = new Bootstrap().group(io.group()).channel(io.datagramChannelClass())
                .option(ChannelOption.ALLOCATOR, ALLOCATOR)
                // Datagram channels read into 2 KiB buffers by default, which would truncate larger datagrams.
                // Several datagrams per read loop, before quiche sends: a fixed allocator reads one per loop
                // unless told otherwise, and then each datagram got an acknowledgement of its own.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator((int) MAX_UDP_PAYLOAD)
                        .respectMaybeMoreData(false).maxMessagesPerRead(DATAGRAMS_PER_READ))
                // A full receive buffer drops datagrams; the OS default holds a fifth of a 1 MB poll reply.
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new QuicClientCodecBuilder().sslContext(ssl)
                        .maxIdleTimeout(Math.max(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
                        .initialMaxData(WINDOW_BYTES * 16)
                        .initialMaxStreamDataBidirectionalLocal(WINDOW_BYTES)
                        .initialMaxStreamDataBidirectionalRemote(WINDOW_BYTES)
                        .maxSendUdpPayloadSize(sendUdpPayload(server))
                        .maxRecvUdpPayloadSize(MAX_UDP_PAYLOAD)
                        .build())
                .bind(0).syncUninterruptibly().channel();
        try {
            QuicChannel quic = QuicChannel.newBootstrap(datagram)
                    .option(ChannelOption.ALLOCATOR, ALLOCATOR)
                    .streamHandler(new ChannelInboundHandlerAdapter())
                    .remoteAddress(server)
                    .connect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            quic.closeFuture().addListener(closed -> datagram.close());
            return quic;
        } catch (Exception e) {
            datagram.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IggyClientException(ErrorCode.TCP_ERROR,
                    "QUIC handshake with " + host + ":" + port + " failed: " + cause);
        }
    }

    /** @return the largest datagram to send: bigger to a server on this host, where no path MTU applies */
    static long sendUdpPayload(InetSocketAddress server) {
        boolean local = !server.isUnresolved() && server.getAddress().isLoopbackAddress();
        return local ? LOOPBACK_UDP_PAYLOAD : SEND_UDP_PAYLOAD;
    }

    /** Event loop of the connection only. Takes ownership of {@code request}. */
    static void send(QuicChannel quic, PendingReply<?> reply, ByteBuf request) {
        quic.createStream(QuicStreamType.BIDIRECTIONAL, new StreamReply(reply)).addListener(created -> {
            if (!created.isSuccess()) {
                request.release();
                reply.fail(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "cannot open a QUIC stream: "
                        + created.cause()));
                return;
            }
            // The FIN rides on the request's last bytes rather than in a shutdownOutput() of its own: one
            // quiche send and, for a small request (a poll), one packet fewer per request.
            ((QuicStreamChannel) created.getNow()).writeAndFlush(new DefaultQuicStreamFrame(request, true))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        });
    }

    /**
     * Collects one reply until the server finishes the stream. One per stream. Once the 8-byte header is in,
     * the stream's reads land in the payload's buffer ({@link StreamFrameReads}): quiche copies a poll reply
     * once, into the contiguous buffer the response decoder reads.
     */
    static final class StreamReply extends ChannelInboundHandlerAdapter implements StreamFrameReads.Header {

        private final PendingReply<?> reply;
        private final StreamFrameReads reads = new StreamFrameReads(Frames.RESPONSE_HEADER_LENGTH, this);
        private int status;
        private boolean done;

        StreamReply(PendingReply<?> reply) {
            this.reply = reply;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            // Here rather than through a QuicStreamChannelBootstrap, which adds and removes one more handler
            // per stream, that is per request.
            ChannelConfig config = ctx.channel().config();
            config.setAllocator(ALLOCATOR);
            if (config.getRecvByteBufAllocator() instanceof MaxMessagesRecvByteBufAllocator allocator) {
                config.setRecvByteBufAllocator(new RoomReads(allocator, reads::room));
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            if (done) {
                bytes.release();
                return;
            }
            if (reads.read(ctx, bytes)) {
                finish(ctx);
            }
        }

        @Override
        public int payloadLength(ChannelHandlerContext ctx, ByteBuf header) {
            status = header.getIntLE(header.readerIndex());
            long length = header.getUnsignedIntLE(header.readerIndex() + 4);
            if (length > Integer.MAX_VALUE - Frames.RESPONSE_HEADER_LENGTH) {
                done = true;
                reply.fail(new IggyClientException(ErrorCode.INVALID_COMMAND, "QUIC reply of " + length
                        + " bytes is too large"));
                ctx.close();
                return -1;
            }
            return (int) length;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == ChannelInputShutdownReadComplete.INSTANCE) {
                finish(ctx);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done) {
                done = true;
                reply.fail(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "QUIC stream closed without reply"));
            }
            reads.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void finish(ChannelHandlerContext ctx) {
            if (done) {
                return;
            }
            done = true;
            if (reads.complete()) {
                ByteBuf payload = reads.takePayload();
                try {
                    reply.complete(status, payload);
                } finally {
                    payload.release();
                }
            } else {
                reply.fail(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "QUIC stream ended without reply"));
            }
            reads.release();
            ctx.close();
        }
    }
}
