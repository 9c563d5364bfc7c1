package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.kernel.storage.ConsumerOffsets;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.SealedSegment;
import org.iggyj.kernel.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real log in a temporary directory, driven from the test thread: 20 batches of two
 * 164-byte messages in 1 KiB segments make four sealed segments of eight messages (offsets 0..7, 8..15,
 * 16..23, 24..31, last stamped 1030, 1070, 1110, 1150 µs) and the active one (32..39).
 */
class SegmentRetentionTest {

    @TempDir
    Path dir;

    private PartitionLog log;
    private ConsumerOffsets offsets;
    private SegmentRetention retention;
    private int changes;

    @BeforeEach
    void open() throws IOException {
        log = PartitionLog.open(dir, new StorageConfig(1024, false, false));
        offsets = ConsumerOffsets.open(dir, 0);
        retention = new SegmentRetention("0/0/0", DiskSpace.unmonitored(), () -> changes++);
        retention.onOpened(log, offsets);
        for (int i = 0; i < 20; i++) {
            appendTwoAt(1_000 + 10L * i);
        }
        assertEquals(5, log.segmentsCount());
    }

    @AfterEach
    void close() {
        offsets.close();
        log.close();
    }

    private void appendTwoAt(long timestampUs) throws IOException {
        ByteBuf batch = Unpooled.directBuffer();
        try {
            for (int i = 0; i < 2; i++) {
                batch.writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0);
                batch.writeIntLE(0).writeIntLE(100).writeLongLE(0).writeZero(100);
            }
            log.append(batch, 2, timestampUs);
        } finally {
            batch.release();
        }
    }

    @Test
    void shouldDeleteSealedSegmentsOldestFirstButNeverTheActiveOne() {
        assertEquals(4, retention.deleteOldest(10));
        assertEquals(32, log.firstOffset());
        assertEquals(1, log.segmentsCount());
        assertEquals(4, changes, "the partition publishes after each deletion");
    }

    @Test
    void shouldKeepSegmentsHoldingOffsetsAtOrAboveTheFloor() {
        retention.floor(23);
        assertEquals(2, retention.deleteOldest(10));
        assertEquals(16, log.firstOffset());
        assertNull(retention.deletableOldest());
        retention.floor(Long.MAX_VALUE);
        assertEquals(16, retention.deletableOldest().baseOffset());
    }

    @Test
    void shouldStopAtTheSegmentEndingAboveTheLowestConsumerOffset() throws IOException {
        offsets.store(ConsumerOffsetKind.GROUP, 1, 12);
        offsets.store(ConsumerOffsetKind.CONSUMER, 2, 30);
        assertEquals(1, retention.deleteOldest(10));
        assertEquals(8, log.firstOffset());
        assertEquals(false, retention.deleteOldest());
    }

    @Test
    void shouldDeleteExpiredSegmentsUpToTheFirstYoungEnoughOne() {
        assertEquals(2, retention.deleteExpired(1_075 + 40, 40));
        assertEquals(16, log.firstOffset());
        SealedSegment next = retention.deletableOldest();
        assertEquals(1_110, next.lastTimestampUs());
        assertEquals(0, retention.deleteExpired(1_149, 40));
        assertEquals(2, changes, "only a deletion attempt publishes");
    }

    @Test
    void shouldLimitDeletionsToTheRequestedCount() {
        assertEquals(0, retention.deleteOldest(0));
        assertEquals(3, retention.deleteOldest(3));
        assertEquals(24, log.firstOffset());
    }
}
