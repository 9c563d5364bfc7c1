package org.iggyj.spi.wire;

import static org.iggyj.spi.TlsPeers.material;
import static org.iggyj.spi.TlsPeers.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.spi.ReadableFileRegion;
import org.iggyj.spi.ServerTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll reply over TLS as the TCP transport writes it (a small header, then file regions), through the
 * server's real {@code SslHandler} (OpenSSL where it loads), {@link TlsWriteSlicer} and {@link TlsRegionReader},
 * decrypted by a client on the JDK engine: every byte of the file ranges must arrive, in order, cut into
 * slices that leave one by one.
 */
class TlsRegionReaderTest {

    private static final int SLICE = TlsWriteSlicer.SLICE_BYTES;

    @TempDir
    Path dir;

    private SelfSignedCertificate certificate;
    private EmbeddedChannel serverSide;
    private EmbeddedChannel clientSide;
    private byte[] file;
    private Path path;

    @BeforeEach
    void handshake() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        SslContext server = ServerTls.context("tcp.tls", material(certificate));
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(certificate.cert()).build();
        serverSide = new EmbeddedChannel(
                ServerTls.handler(server, UnpooledByteBufAllocator.DEFAULT, SLICE),
                new TlsWriteSlicer(), new TlsRegionReader(SLICE));
        clientSide = new EmbeddedChannel(client.newHandler(UnpooledByteBufAllocator.DEFAULT, "localhost", 8090));
        pump(clientSide, serverSide);
        assertTrue(serverSide.pipeline().get(SslHandler.class).handshakeFuture().isSuccess());

        file = new byte[1_300_000];
        new Random(7).nextBytes(file);
        path = dir.resolve("00000000000000000000.log");
        Files.write(path, file);
    }

    @AfterEach
    void close() {
        clientSide.finishAndReleaseAll();
        serverSide.finishAndReleaseAll();
        certificate.delete();
    }

    @Test
    void shouldSendTheHeaderAndTwoRegionsAsTheFileHoldsThemSliceBySlice() throws Exception {
        // A poll spanning two segments: one region the reader reads itself, one only transferTo can read.
        ReadableRegion first = new ReadableRegion(open(), 100, 700_000);
        DefaultFileRegion second = new DefaultFileRegion(open(), 700_100, 400_001);
        byte[] header = "reply header and poll header..".getBytes();

        serverSide.write(Unpooled.wrappedBuffer(header));
        serverSide.write(first);
        ChannelFuture last = serverSide.write(second);
        serverSide.flush();

        int buffers = 0;
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (ByteBuf encrypted; (encrypted = serverSide.readOutbound()) != null; buffers++) {
            clientSide.writeInbound(encrypted);
            for (ByteBuf plain; (plain = clientSide.readInbound()) != null; ) {
                received.writeBytes(ByteBufUtil.getBytes(plain));
                plain.release();
            }
        }
        byte[] expected = new byte[header.length + 700_000 + 400_001];
        System.arraycopy(header, 0, expected, 0, header.length);
        System.arraycopy(file, 100, expected, header.length, 700_000);
        System.arraycopy(file, 700_100, expected, header.length + 700_000, 400_001);
        assertArrayEquals(expected, received.toByteArray());
        // The header alone, then 6 + 4 slices each flushed on its own: at least 11 encrypted writes.
        int slices = (700_000 + SLICE - 1) / SLICE + (400_001 + SLICE - 1) / SLICE;
        assertTrue(buffers >= 1 + slices, buffers + " encrypted buffers for " + slices + " slices");
        assertTrue(last.isSuccess());
        assertEquals(0, first.refCnt());
        assertEquals(0, second.refCnt());
        assertTrue(first.reads > 0, "the readable region was read positionally");
    }

    @Test
    void shouldCloseTheConnectionWhenTheFileEndsInsideARegion() throws Exception {
        ReadableRegion beyond = new ReadableRegion(open(), 1_000_000, 400_000);

        ChannelFuture written = serverSide.writeAndFlush(beyond);

        assertFalse(written.isSuccess());
        assertInstanceOf(IOException.class, written.cause());
        assertFalse(serverSide.isOpen());
        assertEquals(0, beyond.refCnt());
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /** What the kernel's segment regions are: a file range that can also be read positionally. */
    private static final class ReadableRegion extends DefaultFileRegion implements ReadableFileRegion {

        private final FileChannel channel;
        private int reads;

        ReadableRegion(FileChannel channel, long position, long count) {
            super(channel, position, count);
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer target, long offset) throws IOException {
            reads++;
            return channel.read(target, position() + offset);
        }
    }
}
