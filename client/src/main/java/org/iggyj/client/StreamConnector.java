package org.iggyj.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.RoomReads;
import org.iggyj.protocol.TlsDecryptAllocator;
import org.iggyj.protocol.TlsWriteSlicer;

/**
 * Opens the channel of a TCP or WebSocket connection, optionally with TLS, and waits until it can carry
 * requests (the TLS handshake, the WebSocket upgrade). Pipeline, in order: {@code tls} and
 * {@code tls-slicer} with TLS, the WebSocket handlers for WebSocket, then {@code ready}
 * ({@link ConnectionReady}) and {@code responses} ({@link ResponseHandler}). QUIC is {@link QuicRequests}'.
 *
 * <p>Used by the connecting thread only; the pipeline it builds runs on the channel's event loop.
 */
final class StreamConnector {

    private static final int MAX_READ_BYTES = 1 << 20;

    private final ClientIo io;
    private final String host;
    private final int port;
    private final Duration timeout;

    /**
     * @param io      the event loops to run on
     * @param host    server host (also the TLS server name and the WebSocket {@code Host})
     * @param port    the transport's port
     * @param timeout how long the connection and its handshakes may take
     */
    StreamConnector(ClientIo io, String host, int port, Duration timeout) {
        this.io = io;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /**
     * @param transport TCP or WebSocket
     * @param tls       TLS settings; {@link ClientTls#OFF} for plain text
     * @param responses the handler the replies go to
     * @return the channel, handshakes done
     * @throws IggyClientException {@link ErrorCode#TCP_ERROR} when the connection or a handshake fails
     */
    Channel connect(ClientTransport transport, ClientTls tls, ResponseHandler responses) {
        boolean webSocket = transport == ClientTransport.WEBSOCKET;
        SslContext ssl = tls.enabled() ? tls.context() : null;
        ConnectionReady ready = new ConnectionReady(ssl != null, webSocket);
        // -Diggy.client.nettyWebSocketDecoder=true: Netty's decoder, which aggregates each frame and copies its
        // payload, to measure the difference
        WebSocketPayloads payloads = webSocket && !Boolean.getBoolean("iggy.client.nettyWebSocketDecoder")
                ? new WebSocketPayloads(responses) : null;
        // where reads and decryptions may land in place: the reply's assembly buffer, under WebSocket only
        // within a message's payload; -Diggy.client.copyWebSocketReads=true: not under WebSocket, to measure
        TlsDecryptAllocator.Room rooms = !webSocket ? responses::assemblyRoom
                : payloads != null && !Boolean.getBoolean("iggy.client.copyWebSocketReads") ? payloads::room : null;
        Bootstrap bootstrap = new Bootstrap().group(io.group()).channel(io.channelClass())
                // one request in flight: Nagle would hold a small request back waiting for an ack
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 60_000))
                .option(ChannelOption.RCVBUF_ALLOCATOR, readAllocator(ssl == null ? rooms : null))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        if (ssl != null) {
                            addTls(ch, ssl, rooms);
                        }
                        if (webSocket) {
                            WebSocketUpgrade.addHandlers(pipeline, host, port, ssl != null, payloads);
                        }
                        pipeline.addLast("ready", ready).addLast("responses", responses);
                    }
                });
        ChannelFuture connected = bootstrap.connect(host, port).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw new IggyClientException(ErrorCode.TCP_ERROR,
                    "cannot connect to " + host + ":" + port + ": " + connected.cause());
        }
        awaitReady(connected.channel(), ready, transport + (ssl != null ? " with TLS" : ""));
        return connected.channel();
    }

    private void addTls(Channel ch, SslContext ssl, TlsDecryptAllocator.Room rooms) {
        SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
        // a whole slice per encryption pass, as the server (ServerTls.handler)
        tls.setWrapDataSize(TlsWriteSlicer.SLICE_BYTES);
        // decrypted replies straight into their assembly buffer;
        // -Diggy.client.copyDecrypted=true copies them as before, to measure the difference
        if (rooms != null && tls.engine() instanceof ReferenceCountedOpenSslEngine
                && !Boolean.getBoolean("iggy.client.copyDecrypted")) {
            TlsDecryptAllocator.install(ch, rooms);
        }
        ch.pipeline().addLast("tls", tls).addLast("tls-slicer", new TlsWriteSlicer());
    }

    private void awaitReady(Channel channel, ConnectionReady ready, String what) {
        try {
            ready.future().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            channel.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IggyClientException(ErrorCode.TCP_ERROR, what + " handshake with " + host + ":" + port
                    + " failed: " + cause);
        }
    }

    /**
     * Reads sized up to a whole 1 MB poll reply rather than 64 KB: fewer system calls and read buffers per
     * reply (the guess shrinks again for small replies). Without TLS the rest of a reply being assembled
     * is read straight into its assembly buffer, one copy of a large reply fewer.
     *
     * @param rooms where a read may land in place, or null
     */
    private static RecvByteBufAllocator readAllocator(TlsDecryptAllocator.Room rooms) {
        AdaptiveRecvByteBufAllocator reads = new AdaptiveRecvByteBufAllocator(512, 2048, MAX_READ_BYTES);
        return rooms != null && !Boolean.getBoolean("iggy.client.copyReads")
                ? new RoomReads(reads, () -> rooms.room(ResponseHandler.MIN_ROOM_BYTES)) : reads;
    }
}
