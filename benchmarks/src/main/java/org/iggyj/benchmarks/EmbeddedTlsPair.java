package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.wire.InboundFrame;

/**
 * A TLS server and client on two socketless channels, handshaken, for the TLS benchmarks: the server's
 * handler is the one the transports use ({@link ServerTls#handler}), both write in records of up to
 * {@code wrapBytes}, and each end may add one handler after its TLS handler.
 */
final class EmbeddedTlsPair implements AutoCloseable {

    final EmbeddedChannel server = new EmbeddedChannel();
    final EmbeddedChannel client = new EmbeddedChannel();
    private final SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");

    /**
     * @param serverNext handler after the server's TLS handler, or null
     * @param clientNext handler after the client's TLS handler, or null
     * @throws Exception when TLS cannot be set up or the handshake fails
     */
    EmbeddedTlsPair(ByteBufAllocator alloc, int wrapBytes, ChannelHandler serverNext, ChannelHandler clientNext)
            throws Exception {
        SslContext serverContext = SslContextBuilder.forServer(certificate.key(), certificate.cert())
                .sslProvider(ServerTls.provider()).build();
        SslContext clientContext = SslContextBuilder.forClient().sslProvider(ServerTls.provider())
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        server.config().setAllocator(alloc);
        SslHandler serverTls = ServerTls.handler(serverContext, alloc, wrapBytes);
        server.pipeline().addLast(serverTls);
        client.config().setAllocator(alloc);
        SslHandler clientTls = clientContext.newHandler(alloc);
        clientTls.setWrapDataSize(wrapBytes);
        client.pipeline().addLast(clientTls);
        if (serverNext != null) {
            server.pipeline().addLast(serverNext);
        }
        if (clientNext != null) {
            client.pipeline().addLast(clientNext);
        }
        for (int i = 0; i < 10 && !(clientTls.handshakeFuture().isDone() && serverTls.handshakeFuture().isDone());
             i++) {
            shuttle(client, server);
            shuttle(server, client);
        }
        if (!clientTls.handshakeFuture().isSuccess()) {
            throw new IllegalStateException("handshake failed", clientTls.handshakeFuture().cause());
        }
        drainInbound(client);
        drainInbound(server);
    }

    /** Moves every encrypted buffer {@code from} wrote into {@code to}'s inbound side. */
    static void shuttle(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object out; (out = from.readOutbound()) != null; ) {
            to.writeInbound(out);
        }
    }

    /** @return the bytes of every buffer or request frame the channel passed on, all released */
    static long drainInbound(EmbeddedChannel channel) {
        long bytes = 0;
        for (Object in; (in = channel.readInbound()) != null; ) {
            if (in instanceof InboundFrame.Request frame) {
                bytes += frame.payload().readableBytes();
                frame.payload().release();
            } else if (in instanceof ByteBuf buf) {
                bytes += buf.readableBytes();
                buf.release();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
        certificate.delete();
    }
}
