package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SegmentDeletionTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final StorageConfig TINY_SEGMENTS = TinySegments.CONFIG;
    private static final int MESSAGE_BYTES = TinySegments.MESSAGE_BYTES;

    @RegisterExtension
    final PartitionLogFixture logs = new PartitionLogFixture();

    private PartitionLog log;

    /** 40 messages, timestamps 100 + batch number: segments 0, 8, 16, 24 sealed, 32 active. */
    private void fill() throws IOException {
        log = logs.filled(20);
        assertEquals(5, log.segmentsCount());
    }

    private long firstReadOffset(long from) throws IOException {
        ReadResult read = log.read(from, 1, ALLOC);
        try {
            return read.data().getLongLE(MessageFrame.OFFSET_OFFSET);
        } finally {
            read.data().release();
        }
    }

    @Test
    void shouldDescribeTheOldestSealedSegment() throws IOException {
        fill();

        SealedSegment oldest = log.oldestSealed();

        assertEquals(new SealedSegment(0, 7, 100, 103, 8L * MESSAGE_BYTES), oldest);
    }

    @Test
    void shouldDeleteOldestSegmentAndMoveFirstOffsetWhenSealedSegmentsExist() throws IOException {
        fill();
        long sizeBefore = log.sizeBytes();

        SealedSegment deleted = log.deleteOldestSealed();

        assertEquals(0, deleted.baseOffset());
        assertEquals(8, log.firstOffset());
        assertEquals(32, log.messagesCount());
        assertEquals(sizeBefore - 8L * MESSAGE_BYTES, log.sizeBytes());
        assertEquals(4, log.segmentsCount());
        assertEquals(39, log.currentOffset());
        assertFalse(Files.exists(logs.dir().resolve("00000000000000000000.log")));
        assertFalse(Files.exists(logs.dir().resolve("00000000000000000000.index")));
        assertTrue(Files.exists(logs.dir().resolve("00000000000000000008.log")));
    }

    @Test
    void shouldStartReadsAtFirstOffsetWhenAskedForDeletedOffsets() throws IOException {
        fill();
        log.deleteOldestSealed();
        log.deleteOldestSealed();

        assertEquals(16, firstReadOffset(0));
        ReadResult all = log.read(0, 1000, ALLOC);
        try {
            assertEquals(24, all.count());
            assertEquals(16, all.firstOffset());
        } finally {
            all.data().release();
        }
        assertEquals(16, log.offsetAtOrAfterTimestamp(0));
    }

    @Test
    void shouldNeverDeleteTheActiveSegment() throws IOException {
        fill();
        for (int i = 0; i < 4; i++) {
            assertNotNull(log.deleteOldestSealed());
        }

        assertNull(log.oldestSealed());
        assertNull(log.deleteOldestSealed());
        assertEquals(1, log.segmentsCount());
        assertEquals(32, log.firstOffset());
        assertEquals(8, log.messagesCount());
    }

    @Test
    void shouldKeepDeletionAndAppendAfterItWhenReopened() throws IOException {
        fill();
        log.deleteOldestSealed();
        log.close();

        log = logs.open(TINY_SEGMENTS);

        assertEquals(8, log.firstOffset());
        assertEquals(4, log.segmentsCount());
        assertEquals(32, log.messagesCount());
        ByteBuf batch = TestMessages.sized(1, 100);
        try {
            assertEquals(40, log.append(batch, 1, 500));
        } finally {
            batch.release();
        }
        assertEquals(8, firstReadOffset(3));
    }
}
