package org.iggyj.spi;

import static org.iggyj.spi.TlsPeers.material;
import static org.iggyj.spi.TlsPeers.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.iggyj.protocol.TlsWriteSlicer;
import org.junit.jupiter.api.Test;

/**
 * The server TLS context: on the OpenSSL engine where netty-tcnative ships a native library (Linux
 * x86-64), and interoperable with a client on the JDK engine, as the official SDK is.
 */
class ServerTlsTest {

    @Test
    void shouldPickTheOpenSslEngineWhereNettyTcnativeShipsANativeLibrary() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").equals("amd64"), "netty-tcnative is declared for linux-x86_64");
        assertTrue(OpenSsl.isAvailable(), () -> "netty-tcnative did not load: " + OpenSsl.unavailabilityCause());
        assertEquals(SslProvider.OPENSSL, ServerTls.provider());
        assertTrue(ServerTls.engineDescription().startsWith("OpenSSL engine"), ServerTls.engineDescription());
    }

    @Test
    void shouldHandshakeAndCarryBytesWithAClientOnTheJdkEngine() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        try {
            SslContext server = ServerTls.context("tcp.tls", material(certificate));
            assertEquals(OpenSsl.isAvailable(), server instanceof OpenSslContext);
            SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(certificate.cert()).build();
            EmbeddedChannel serverSide = new EmbeddedChannel(server.newHandler(UnpooledByteBufAllocator.DEFAULT));
            EmbeddedChannel clientSide = new EmbeddedChannel(
                    client.newHandler(UnpooledByteBufAllocator.DEFAULT, "localhost", 8090));

            pump(clientSide, serverSide);
            assertTrue(clientSide.pipeline().get(SslHandler.class).handshakeFuture().isSuccess());
            assertTrue(serverSide.pipeline().get(SslHandler.class).handshakeFuture().isSuccess());

            clientSide.writeOutbound(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
            pump(clientSide, serverSide);
            ByteBuf received = serverSide.readInbound();
            try {
                assertEquals("ping", received.toString(StandardCharsets.US_ASCII));
            } finally {
                received.release();
            }
            clientSide.finishAndReleaseAll();
            serverSide.finishAndReleaseAll();
        } finally {
            certificate.delete();
        }
    }

    @Test
    void shouldEncryptAWholeSliceIntoOneBufferAndStillDecryptEveryByte() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        try {
            SslContext server = ServerTls.context("tcp.tls", material(certificate));
            SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(certificate.cert()).build();
            EmbeddedChannel serverSide = new EmbeddedChannel(
                    ServerTls.handler(server, UnpooledByteBufAllocator.DEFAULT, TlsWriteSlicer.SLICE_BYTES),
                    new TlsWriteSlicer());
            EmbeddedChannel clientSide = new EmbeddedChannel(
                    client.newHandler(UnpooledByteBufAllocator.DEFAULT, "localhost", 8090));
            pump(clientSide, serverSide);
            assertTrue(serverSide.pipeline().get(SslHandler.class).handshakeFuture().isSuccess());

            byte[] reply = new byte[8 * TlsWriteSlicer.SLICE_BYTES + 1000];
            for (int i = 0; i < reply.length; i++) {
                reply[i] = (byte) (i * 31 + i / 977);
            }
            serverSide.writeAndFlush(Unpooled.directBuffer(reply.length).writeBytes(reply));
            // About one encrypted buffer per slice (nine slices), where one per 16 KiB record would be 65; the
            // SslHandler's size estimate for a pass may leave a slice's last record to the next pass.
            int buffers = 0;
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            for (ByteBuf encrypted; (encrypted = serverSide.readOutbound()) != null; buffers++) {
                clientSide.writeInbound(encrypted);
                for (ByteBuf plain; (plain = clientSide.readInbound()) != null; ) {
                    received.writeBytes(ByteBufUtil.getBytes(plain));
                    plain.release();
                }
            }
            assertTrue(buffers >= 9 && buffers <= 18, buffers + " encrypted buffers");
            assertArrayEquals(reply, received.toByteArray());
            clientSide.finishAndReleaseAll();
            serverSide.finishAndReleaseAll();
        } finally {
            certificate.delete();
        }
    }

    @Test
    void shouldLetATlsChannelGrowItsReadsToAWholeRequestWhereNettyStopsAt64KiB() {
        EmbeddedChannel tls = new EmbeddedChannel();
        ServerTls.sizeReads(tls);
        assertEquals(ServerTls.MAX_READ_BYTES, largestReadWhileFull(tls));
        assertEquals(64 * 1024, largestReadWhileFull(new EmbeddedChannel()));
    }

    /** The read size a channel's allocator settles on while every read fills its buffer (a 1 MB request). */
    private static int largestReadWhileFull(EmbeddedChannel channel) {
        RecvByteBufAllocator.Handle reads = channel.config().getRecvByteBufAllocator().newHandle();
        int largest = 0;
        for (int loop = 0; loop < 50; loop++) {
            reads.reset(channel.config());
            ByteBuf buffer = reads.allocate(UnpooledByteBufAllocator.DEFAULT);
            largest = Math.max(largest, buffer.capacity());
            reads.lastBytesRead(buffer.capacity());
            buffer.release();
            reads.readComplete();
        }
        channel.finishAndReleaseAll();
        return largest;
    }
}
