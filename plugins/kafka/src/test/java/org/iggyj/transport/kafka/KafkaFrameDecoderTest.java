package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.Random;
import org.iggyj.protocol.RoomReads;
import org.junit.jupiter.api.Test;

/**
 * Kafka frames come out of the decoder whole and byte for byte, however the reads cut them: several in
 * one read, one over many, the size field itself split; a frame over the limit or of negative size ends
 * the stream with the exception the connection handler closes on. Leaks are caught by the build's
 * paranoid leak detection.
 */
class KafkaFrameDecoderTest {

    private static final int MAX = 1 << 20;

    @Test
    void shouldPassOnEveryFrameWholeHoweverTheReadsCutThem() {
        Random random = new Random(12);
        byte[][] frames = {bytes(random, 0), bytes(random, 17), bytes(random, 300_000), bytes(random, 5),
            bytes(random, MAX)};
        ByteBuf wire = Unpooled.buffer();
        for (byte[] frame : frames) {
            wire.writeInt(frame.length).writeBytes(frame);
        }
        byte[] stream = ByteBufUtil.getBytes(wire);
        wire.release();
        // reads of 1, 2, 3 ... bytes, then of 64 KiB: size fields and frames cut everywhere
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        int position = 0;
        for (int read = 1; position < stream.length; read = read < 40 ? read + 1 : 65536) {
            int n = Math.min(read, stream.length - position);
            channel.writeInbound(Unpooled.copiedBuffer(stream, position, n));
            position += n;
        }
        for (byte[] expected : frames) {
            ByteBuf frame = channel.readInbound();
            assertArrayEquals(expected, ByteBufUtil.getBytes(frame));
            frame.release();
        }
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void shouldPassOnFramesThatArriveInOneReadAsTheyAre() {
        ByteBuf read = Unpooled.buffer().writeInt(3).writeBytes(new byte[] {1, 2, 3}).writeInt(1).writeByte(9);
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        channel.writeInbound(read);
        ByteBuf first = channel.readInbound();
        ByteBuf second = channel.readInbound();
        assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(first));
        assertArrayEquals(new byte[] {9}, ByteBufUtil.getBytes(second));
        assertSame(read, first.unwrap()); // a slice of the read, not a copy
        first.release();
        second.release();
        assertFalse(channel.finish());
    }

    @Test
    void shouldRefuseAFrameOverTheLimitBeforeAllocatingIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        assertThrows(TooLongFrameException.class,
                () -> channel.writeInbound(Unpooled.buffer().writeInt(MAX + 1).writeBytes(new byte[100])));
        // what follows on the connection is ignored until it closes
        channel.writeInbound(Unpooled.buffer().writeInt(1).writeByte(1));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldRefuseANegativeFrameSize() {
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        assertThrows(CorruptedFrameException.class, () -> channel.writeInbound(Unpooled.buffer().writeInt(-5)));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldReleaseAPartFrameWhenTheConnectionCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        channel.writeInbound(Unpooled.buffer().writeInt(1000).writeBytes(new byte[10]));
        assertNull(channel.readInbound());
        assertFalse(channel.finish()); // the decoder's buffer is released with the pipeline
    }

    @Test
    void shouldLetTheSocketReadStraightIntoTheFrameItGathers() {
        Random random = new Random(13);
        byte[] first = bytes(random, 300_000);
        byte[] second = bytes(random, 20);
        KafkaFrameDecoder decoder = new KafkaFrameDecoder(MAX);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        RecvByteBufAllocator.ExtendedHandle reads = (RecvByteBufAllocator.ExtendedHandle) new RoomReads(
                new AdaptiveRecvByteBufAllocator(64, 1024, 65536), decoder::readTarget).newHandle();
        ByteBufAllocator alloc = channel.alloc();
        // no frame open: an ordinary read buffer, which brings the size and the frame's first bytes
        ByteBuf read = reads.allocate(alloc);
        channel.writeInbound(read.writeInt(first.length).writeBytes(first, 0, 1000));
        // a frame open: each read gets the rest of it, and what it writes there is the frame
        ByteBuf lent = reads.allocate(alloc);
        assertEquals(first.length - 1000, lent.writableBytes());
        ByteBuf frameMemory = root(lent);
        channel.writeInbound(lent.writeBytes(first, 1000, 100_000));
        assertNull(channel.readInbound());
        lent = reads.allocate(alloc);
        assertEquals(first.length - 101_000, lent.writableBytes());
        channel.writeInbound(lent.writeBytes(first, 101_000, first.length - 101_000));
        ByteBuf frame = channel.readInbound();
        assertSame(frameMemory, root(frame)); // the frame's own buffer: its bytes were never copied
        assertArrayEquals(first, ByteBufUtil.getBytes(frame));
        frame.release();
        // the frame done, reads go into buffers of their own again
        read = reads.allocate(alloc);
        assertEquals(0, read.writerIndex());
        assertNotSame(frameMemory, root(read));
        channel.writeInbound(read.writeInt(second.length).writeBytes(second));
        frame = channel.readInbound();
        assertArrayEquals(second, ByteBufUtil.getBytes(frame));
        frame.release();
        assertFalse(channel.finish());
    }

    @Test
    void shouldTakeAReadOfItsOwnWhileAFrameIsOpenByCopyingIt() {
        // a read the decoder did not lend (the last lent one came back empty and was dropped by the channel)
        KafkaFrameDecoder decoder = new KafkaFrameDecoder(MAX);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.writeInbound(Unpooled.buffer().writeInt(3).writeByte(1));
        decoder.readTarget().release();
        channel.writeInbound(Unpooled.buffer().writeBytes(new byte[] {2, 3}));
        ByteBuf frame = channel.readInbound();
        assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(frame));
        frame.release();
        assertFalse(channel.finish());
    }

    /** @return the buffer under any slices and leak-detection wrappers */
    private static ByteBuf root(ByteBuf buffer) {
        ByteBuf root = buffer;
        while (root.unwrap() != null) {
            root = root.unwrap();
        }
        return root;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
