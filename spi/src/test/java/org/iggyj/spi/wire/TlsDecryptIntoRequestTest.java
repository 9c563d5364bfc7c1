package org.iggyj.spi.wire;

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
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.TlsDecryptAllocator;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.ServerTls;
import org.junit.jupiter.api.Test;

/**
 * Send requests of about 1 MB reaching a TLS server pipeline (the OpenSSL engine, {@link TlsDecryptAllocator},
 * {@link RequestFrameDecoder}) in reads cut at odd places, records and headers split anywhere, with a small
 * request and a second large one right behind the first: the engine decrypts most reads straight into the
 * decoder's buffer for the payload, and every request comes out whole, with its own bytes.
 */
class TlsDecryptIntoRequestTest {

    private static final int[] READS = {1, 3, 16_389, 5, 7, 4093, 70_001, 16_413, 131_071, 2, 262_147, 9};

    @Test
    void largeRequestsCutAnywhereAreDecryptedIntoTheDecodersBufferIntact() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "the OpenSSL engine is what decrypts in place");
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        try {
            SslContext server = ServerTls.context("tcp.tls", material(certificate));
            SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(certificate.cert()).build();
            EmbeddedChannel serverSide = new EmbeddedChannel();
            SslHandler tls = ServerTls.handler(server, serverSide.alloc(), TlsWriteSlicer.SLICE_BYTES);
            assertTrue(ServerTls.canDecryptInPlace(tls));
            RequestFrameDecoder frames = new RequestFrameDecoder(new FrameLimits(1 << 20, 10 << 20));
            TlsDecryptAllocator decrypt = TlsDecryptAllocator.install(serverSide, frames::decryptRoom);
            serverSide.pipeline().addLast(tls, frames);
            EmbeddedChannel clientSide = new EmbeddedChannel(
                    client.newHandler(UnpooledByteBufAllocator.DEFAULT, "localhost", 8090), new TlsWriteSlicer());
            pump(clientSide, serverSide);
            assertTrue(tls.handshakeFuture().isSuccess());

            List<byte[]> payloads = List.of(payload(1_000_000, 1), payload(17, 2), payload(1_200_003, 3));
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (byte[] payload : payloads) {
                ByteBuf request = Unpooled.directBuffer(8 + payload.length)
                        .writeIntLE(4 + payload.length).writeIntLE(RequestFrameDecoder.SEND_MESSAGES_CODE)
                        .writeBytes(payload);
                clientSide.writeAndFlush(request);
                for (ByteBuf encrypted; (encrypted = clientSide.readOutbound()) != null; ) {
                    wire.writeBytes(ByteBufUtil.getBytes(encrypted));
                    encrypted.release();
                }
            }
            byte[] bytes = wire.toByteArray();
            List<byte[]> received = new ArrayList<>();
            for (int at = 0, read = 0; at < bytes.length; read++) {
                int size = Math.min(READS[read % READS.length], bytes.length - at);
                serverSide.writeInbound(Unpooled.directBuffer(size).writeBytes(bytes, at, size));
                at += size;
                for (InboundFrame frame; (frame = serverSide.readInbound()) != null; ) {
                    InboundFrame.Request request = (InboundFrame.Request) frame;
                    assertEquals(RequestFrameDecoder.SEND_MESSAGES_CODE, request.code());
                    received.add(ByteBufUtil.getBytes(request.payload()));
                    request.payload().release();
                }
            }
            assertEquals(payloads.size(), received.size());
            for (int i = 0; i < payloads.size(); i++) {
                assertArrayEquals(payloads.get(i), received.get(i), "request " + i);
            }
            assertTrue(decrypt.decryptionsInPlace() > 0, "no read was decrypted in place");
            clientSide.finishAndReleaseAll();
            serverSide.finishAndReleaseAll();
        } finally {
            certificate.delete();
        }
    }

    private static byte[] payload(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31 + i / 977 + seed * 101);
        }
        return payload;
    }
}
