package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PartitionLogTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final StorageConfig LARGE_SEGMENTS = new StorageConfig(1 << 20, false, false);
    private static final StorageConfig TINY_SEGMENTS = new StorageConfig(1024, false, false);

    @RegisterExtension
    final PartitionLogFixture logs = new PartitionLogFixture();

    private PartitionLog log;

    private long append(ByteBuf batch, int count, long timestampUs) throws IOException {
        try {
            return log.append(batch, count, timestampUs);
        } finally {
            batch.release();
        }
    }

    private byte[] readAll(long start, int maxCount) throws IOException {
        ReadResult result = log.read(start, maxCount, ALLOC);
        try {
            return ByteBufUtil.getBytes(result.data());
        } finally {
            result.data().release();
        }
    }

    @Test
    void shouldStartEmptyWhenDirectoryIsNew() throws IOException {
        log = logs.open(LARGE_SEGMENTS);

        assertTrue(log.isEmpty());
        assertEquals(0, log.nextOffset());
        assertEquals(0, log.currentOffset());
        assertEquals(0, log.firstOffset());
        assertEquals(1, log.segmentsCount());
        assertTrue(Files.exists(logs.dir().resolve("00000000000000000000.log")));
        assertTrue(Files.exists(logs.dir().resolve("00000000000000000000.index")));
    }

    @Test
    void shouldStampOffsetsTimestampsIdsAndChecksumsWhenAppending() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        ByteBuf batch = TestMessages.batch("zero", "one");
        TestMessages.write(batch, 0x1122L, 0x3344L, "client-id".getBytes(), new byte[0]);

        assertEquals(0, log.append(batch, 3, 1_000L));
        byte[] stamped = ByteBufUtil.getBytes(batch);
        batch.release();

        assertEquals(3, log.messagesCount());
        assertEquals(2, log.currentOffset());
        assertEquals(stamped.length, log.sizeBytes());
        ReadResult result = log.read(0, 10, ALLOC);
        ByteBuf data = result.data();
        try {
            assertEquals(3, result.count());
            assertEquals(0, result.firstOffset());
            assertArrayEquals(stamped, ByteBufUtil.getBytes(data));
            int at = 0;
            for (int i = 0; i < 3; i++) {
                int length = (int) MessageFrame.length(data, at);
                assertEquals(i, data.getLongLE(at + MessageFrame.OFFSET_OFFSET));
                assertEquals(1_000L, data.getLongLE(at + MessageFrame.TIMESTAMP_OFFSET));
                assertEquals(7, data.getLongLE(at + MessageFrame.ORIGIN_TIMESTAMP_OFFSET));
                byte[] message = ByteBufUtil.getBytes(data, at, length);
                assertEquals(LongHashFunction.xx3().hashBytes(message, 8, length - 8),
                    data.getLongLE(at + MessageFrame.CHECKSUM_OFFSET));
                at += length;
            }
            assertEquals("zero", TestMessages.payload(data, 0));
            assertEquals(0x1122L, data.getLongLE(at - 73 + MessageFrame.ID_OFFSET));
            assertEquals(0x3344L, data.getLongLE(at - 73 + MessageFrame.ID_OFFSET + 8));
        } finally {
            data.release();
        }
        assertArrayEquals(stamped, Files.readAllBytes(logs.dir().resolve("00000000000000000000.log")));
    }

    @Test
    void shouldAssignRandomUuidV4WhenIdIsZero() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        append(TestMessages.batch("a", "b"), 2, 5L);

        byte[] stored = readAll(0, 2);
        int second = MessageFrame.HEADER_LENGTH + 1 + 2;
        for (int at : new int[] {0, second}) {
            assertEquals(0x40, stored[at + MessageFrame.ID_OFFSET + 6] & 0xF0, "version nibble");
            assertEquals(0x80, stored[at + MessageFrame.ID_OFFSET + 8] & 0xC0, "variant bits");
        }
        assertNotEquals(Unpooled.wrappedBuffer(stored, MessageFrame.ID_OFFSET, 16),
            Unpooled.wrappedBuffer(stored, second + MessageFrame.ID_OFFSET, 16));
    }

    @Test
    void shouldChecksumHeapBuffersLikeDirectOnes() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        ByteBuf heap = TestMessages.batch(Unpooled.buffer(), "heap");

        append(heap, 1, 9L);

        byte[] stored = readAll(0, 1);
        assertEquals(LongHashFunction.xx3().hashBytes(stored, 8, stored.length - 8),
            Unpooled.wrappedBuffer(stored).getLongLE(0));
    }

    @Test
    void shouldRejectBatchWhoseMessagesDoNotFillTheBuffer() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        ByteBuf batch = TestMessages.batch("a", "b");

        assertThrows(IllegalArgumentException.class, () -> log.append(batch, 1, 1L));
        assertThrows(IllegalArgumentException.class, () -> log.append(batch, 3, 1L));
        batch.release();

        assertTrue(log.isEmpty());
        assertEquals(0, append(TestMessages.batch("c"), 1, 1L));
    }

    @Test
    void shouldReadNothingWhenOutOfRangeOrCountIsZero() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        assertEquals(0, log.read(0, 10, ALLOC).count());
        append(TestMessages.batch("a", "b", "c"), 3, 1L);

        assertEquals(0, log.read(3, 10, ALLOC).count());
        assertEquals(0, log.read(0, 0, ALLOC).count());
        ReadResult tail = log.read(1, 100, ALLOC);
        assertEquals(2, tail.count());
        assertEquals(1, tail.firstOffset());
        assertEquals("b", TestMessages.payload(tail.data(), 0));
        tail.data().release();
    }

    @Test
    void shouldReadAcrossSegmentsWhenSegmentsRoll() throws IOException {
        log = logs.open(TINY_SEGMENTS);
        for (int i = 0; i < 20; i++) {
            assertEquals(2L * i, append(TestMessages.sized(2, 100), 2, 100L + i));
        }

        assertTrue(log.segmentsCount() > 3, "segments: " + log.segmentsCount());
        assertEquals(40, log.messagesCount());
        assertEquals(40L * 164, log.sizeBytes());
        ReadResult all = log.read(0, 1000, ALLOC);
        assertEquals(40, all.count());
        assertEquals(40 * 164, all.data().readableBytes());
        for (int i = 0; i < 40; i++) {
            assertEquals(i, all.data().getLongLE(i * 164 + MessageFrame.OFFSET_OFFSET));
        }
        all.data().release();
        ReadResult middle = log.read(5, 11, ALLOC);
        assertEquals(11, middle.count());
        assertEquals(5, middle.data().getLongLE(MessageFrame.OFFSET_OFFSET));
        assertEquals(15, middle.data().getLongLE(10 * 164 + MessageFrame.OFFSET_OFFSET));
        assertEquals(11 * 164, middle.data().readableBytes());
        middle.data().release();
        try (var files = Files.list(logs.dir())) {
            assertEquals(2L * log.segmentsCount(), files.count());
        }
    }

    @Test
    void shouldFindOffsetByTimestamp() throws IOException {
        log = logs.open(TINY_SEGMENTS);
        for (int i = 0; i < 10; i++) {
            append(TestMessages.sized(3, 100), 3, 1000L * (i + 1));
        }

        assertEquals(0, log.offsetAtOrAfterTimestamp(0));
        assertEquals(0, log.offsetAtOrAfterTimestamp(1000));
        assertEquals(3, log.offsetAtOrAfterTimestamp(1001));
        assertEquals(15, log.offsetAtOrAfterTimestamp(6000));
        assertEquals(27, log.offsetAtOrAfterTimestamp(9500));
        assertEquals(-1, log.offsetAtOrAfterTimestamp(10_001));
    }

    @Test
    void shouldKeepEverythingWhenReopened() throws IOException {
        log = logs.open(TINY_SEGMENTS);
        for (int i = 0; i < 10; i++) {
            append(TestMessages.sized(3, 50), 3, 10L + i);
        }
        log.sync();
        byte[] before = readAll(0, 1000);
        int segments = log.segmentsCount();
        log.close();

        log = logs.open(TINY_SEGMENTS);

        assertEquals(30, log.nextOffset());
        assertEquals(29, log.currentOffset());
        assertEquals(segments, log.segmentsCount());
        assertEquals(before.length, log.sizeBytes());
        assertArrayEquals(before, readAll(0, 1000));
        assertEquals(12, log.offsetAtOrAfterTimestamp(14));
        assertEquals(30, append(TestMessages.batch("next"), 1, 99L));
        assertEquals("next", TestMessages.payload(Unpooled.wrappedBuffer(readAll(30, 1)), 0));
    }

    @Test
    void shouldTruncateTornLastMessageWhenReopened() throws IOException {
        Path logFile = appendThreeBatchesAndClose();
        long size = Files.size(logFile);
        try (var channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }

        assertRecoveredToFiveMessages(logFile, size - 65);
    }

    @Test
    void shouldTruncateGarbageAfterLastMessageWhenReopened() throws IOException {
        Path logFile = appendThreeBatchesAndClose();
        long size = Files.size(logFile);
        Files.write(logFile, new byte[100], StandardOpenOption.APPEND);
        log = logs.open(LARGE_SEGMENTS);

        assertEquals(6, log.messagesCount());
        assertEquals(size, Files.size(logFile));
        assertEquals(6, append(TestMessages.batch("x"), 1, 4L));
    }

    @Test
    void shouldDropCorruptLastMessageWhenAByteFlips() throws IOException {
        Path logFile = appendThreeBatchesAndClose();
        long size = Files.size(logFile);
        flipByte(logFile, size - 2);

        assertRecoveredToFiveMessages(logFile, size - 65);
    }

    @Test
    void shouldTruncateFromCorruptMiddleMessageWhenValidatingChecksums() throws IOException {
        Path logFile = appendThreeBatchesAndClose();
        flipByte(logFile, 65 * 2 + 64);
        StorageConfig validating = new StorageConfig(1 << 20, false, true);

        log = logs.open(validating);

        assertEquals(2, log.messagesCount());
        assertEquals(130, Files.size(logFile));
        assertEquals(2 * 16, Files.size(logs.dir().resolve("00000000000000000000.index")));
    }

    @Test
    void shouldRebuildMissingIndexOfLastSegment() throws IOException {
        Path logFile = appendThreeBatchesAndClose();
        Path indexFile = logs.dir().resolve("00000000000000000000.index");
        byte[] index = Files.readAllBytes(indexFile);
        Files.delete(indexFile);

        log = logs.open(LARGE_SEGMENTS);

        assertEquals(6, log.messagesCount());
        assertArrayEquals(index, Files.readAllBytes(indexFile));
        assertEquals(1, log.offsetAtOrAfterTimestamp(2));
        assertEquals(Files.size(logFile), log.sizeBytes());
    }

    @Test
    void shouldRebuildShortIndexOfLastSegment() throws IOException {
        appendThreeBatchesAndClose();
        Path indexFile = logs.dir().resolve("00000000000000000000.index");
        byte[] index = Files.readAllBytes(indexFile);
        try (var channel = FileChannel.open(indexFile, StandardOpenOption.WRITE)) {
            channel.truncate(24);
        }

        log = logs.open(LARGE_SEGMENTS);

        assertEquals(6, log.messagesCount());
        assertArrayEquals(index, Files.readAllBytes(indexFile));
        assertEquals("d", TestMessages.payload(Unpooled.wrappedBuffer(readAll(3, 1)), 0));
    }

    @Test
    void shouldRebuildMissingIndexOfSealedSegment() throws IOException {
        log = logs.open(TINY_SEGMENTS);
        for (int i = 0; i < 10; i++) {
            append(TestMessages.sized(3, 100), 3, 10L + i);
        }
        byte[] before = readAll(0, 1000);
        log.close();
        Path sealedIndex = logs.dir().resolve("00000000000000000000.index");
        byte[] index = Files.readAllBytes(sealedIndex);
        Files.delete(sealedIndex);

        log = logs.open(TINY_SEGMENTS);

        assertArrayEquals(index, Files.readAllBytes(sealedIndex));
        assertArrayEquals(before, readAll(0, 1000));
        assertEquals(30, log.nextOffset());
    }

    @Test
    void shouldFailToOpenWhenSealedSegmentIsCorrupt() throws IOException {
        log = logs.open(TINY_SEGMENTS);
        for (int i = 0; i < 10; i++) {
            append(TestMessages.sized(3, 100), 3, 10L + i);
        }
        log.close();
        log = null;
        Files.delete(logs.dir().resolve("00000000000000000000.index"));
        flipByte(logs.dir().resolve("00000000000000000000.log"), 100);

        assertThrows(IOException.class, () -> logs.open(TINY_SEGMENTS));
    }

    @Test
    void shouldStartOverAtZeroWhenPurged() throws IOException {
        log = logs.open(TINY_SEGMENTS);
        for (int i = 0; i < 10; i++) {
            append(TestMessages.sized(3, 100), 3, 10L + i);
        }

        log.purge();

        assertTrue(log.isEmpty());
        assertEquals(0, log.nextOffset());
        assertEquals(1, log.segmentsCount());
        assertEquals(0, log.sizeBytes());
        try (var files = Files.list(logs.dir())) {
            assertEquals(2, files.count());
        }
        assertEquals(0, append(TestMessages.batch("again"), 1, 1L));
        assertEquals("again", TestMessages.payload(Unpooled.wrappedBuffer(readAll(0, 10)), 0));
    }

    @Test
    void shouldSyncAndRollWhenFsyncIsEnforced() throws IOException {
        log = logs.open(new StorageConfig(1024, true, false));
        for (int i = 0; i < 10; i++) {
            append(TestMessages.sized(3, 100), 3, 10L + i);
            log.sync();
        }
        log.close();

        log = logs.open(TINY_SEGMENTS);
        assertEquals(30, log.messagesCount());
    }

    @Test
    void shouldDeleteDirectoryWhenDeleted() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        append(TestMessages.batch("a"), 1, 1L);
        ConsumerOffsets.open(logs.dir(), 0).store(ConsumerOffsetKind.CONSUMER, 1, 0);

        log.delete();
        log.close();

        assertFalse(Files.exists(logs.dir()));
        assertThrows(IllegalStateException.class, () -> log.read(0, 1, ALLOC));
    }

    /** Appends batches [a], [b, c], [d, e, f] at timestamps 1, 2, 3 (each message 65 bytes) and closes. */
    private Path appendThreeBatchesAndClose() throws IOException {
        log = logs.open(LARGE_SEGMENTS);
        append(sizedBatch("a"), 1, 1L);
        append(sizedBatch("b", "c"), 2, 2L);
        append(sizedBatch("d", "e", "f"), 3, 3L);
        log.close();
        log = null;
        return logs.dir().resolve("00000000000000000000.log");
    }

    private static ByteBuf sizedBatch(String... payloads) {
        ByteBuf buf = Unpooled.directBuffer();
        for (String payload : payloads) {
            TestMessages.write(buf, 0, 0, payload.getBytes(), new byte[0]);
        }
        return buf;
    }

    private void assertRecoveredToFiveMessages(Path logFile, long expectedSize) throws IOException {
        log = logs.open(LARGE_SEGMENTS);

        assertEquals(5, log.messagesCount());
        assertEquals(4, log.currentOffset());
        assertEquals(expectedSize, Files.size(logFile));
        assertEquals(5 * 16, Files.size(logs.dir().resolve("00000000000000000000.index")));
        assertEquals("e", TestMessages.payload(Unpooled.wrappedBuffer(readAll(4, 10)), 0));
        assertEquals(5, append(TestMessages.batch("g"), 1, 4L));
        assertEquals("g", TestMessages.payload(Unpooled.wrappedBuffer(readAll(5, 10)), 0));
        log.close();
        log = logs.open(LARGE_SEGMENTS);
        assertEquals(6, log.messagesCount());
    }

    private static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x5A;
        Files.write(file, bytes);
    }
}
