package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.iggyj.kernel.storage.PartitionLogFixture.copied;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Written is not readable: the readable end ({@link PartitionLog#setReadableEnd}) that reads stop at,
 * and {@link PartitionLog#truncateTo}, which cuts a written tail beyond it, within the active segment,
 * into a sealed one and at a segment boundary; the next append gets the cut offset again, a reopened log
 * shows exactly what was kept, and file regions handed out before the cut keep their bytes.
 */
class PartitionLogTruncationTest {

    private static final StorageConfig TINY_SEGMENTS = TinySegments.CONFIG;
    private static final int MESSAGE_BYTES = TinySegments.MESSAGE_BYTES;

    @RegisterExtension
    final PartitionLogFixture logs = new PartitionLogFixture();

    private PartitionLog log;

    private void fill(int batches) throws IOException {
        log = logs.filled(batches);
    }

    private long appendBatch(long timestampUs) throws IOException {
        return TinySegments.appendBatch(log, timestampUs);
    }

    /** Offsets and timestamps of every readable message, checked dense from {@code from}. */
    private long[] timestamps(long from, int count) throws IOException {
        ReadResult read = log.read(from, count, UnpooledByteBufAllocator.DEFAULT);
        ByteBuf data = read.data();
        try {
            long[] stamps = new long[read.count()];
            int at = data.readerIndex();
            for (int i = 0; i < stamps.length; i++) {
                assertEquals(from + i, data.getLongLE(at + MessageFrame.OFFSET_OFFSET), "offset of message " + i);
                stamps[i] = data.getLongLE(at + MessageFrame.TIMESTAMP_OFFSET);
                at += (int) MessageFrame.length(data, at);
            }
            assertEquals(data.writerIndex(), at);
            return stamps;
        } finally {
            data.release();
        }
    }

    private int readCount(long from) throws IOException {
        ReadResult read = log.read(from, 100, UnpooledByteBufAllocator.DEFAULT);
        read.data().release();
        return read.count();
    }

    private static byte[] drain(RegionRead read) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(out);
        for (FileRegion region : read.regions()) {
            while (region.transferred() < region.count()) {
                region.transferTo(sink, region.transferred());
            }
        }
        return out.toByteArray();
    }

    private void reopen() throws IOException {
        log.close();
        log = logs.open(TINY_SEGMENTS);
    }

    private boolean segmentExists(long baseOffset) {
        return Files.exists(Segment.logPath(logs.dir(), baseOffset));
    }

    @Test
    void shouldServeOnlyMessagesBelowTheReadableEnd() throws IOException {
        fill(5);

        log.setReadableEnd(4);

        assertEquals(4, readCount(0));
        assertEquals(1, timestamps(3, 100).length);
        assertEquals(0, readCount(4));
        RegionRead regions = log.readRegions(0, 100);
        assertEquals(4, regions.count());
        assertEquals(4L * MESSAGE_BYTES, regions.bytes());
        regions.regions().forEach(FileRegion::release);
        assertEquals(0, log.readRegions(4, 100).count());
        assertEquals(10, log.nextOffset(), "written is unchanged");

        assertThrows(IllegalArgumentException.class, () -> log.setReadableEnd(3), "never moves back");
        assertThrows(IllegalArgumentException.class, () -> log.setReadableEnd(11), "never beyond the written");
        log.setReadableEnd(10);
        assertEquals(10, readCount(0));
        log.setReadableEnd(Long.MAX_VALUE);
        appendBatch(200);
        assertEquals(12, readCount(0), "all readable again");
    }

    @Test
    void shouldRefuseToCutWhatIsReadable() throws IOException {
        fill(5);

        assertThrows(IllegalArgumentException.class, () -> log.truncateTo(5), "all readable: nothing may be cut");
        log.setReadableEnd(6);
        assertThrows(IllegalArgumentException.class, () -> log.truncateTo(5));
        assertThrows(IllegalArgumentException.class, () -> log.truncateTo(11));
        log.truncateTo(10);

        assertEquals(10, log.nextOffset());
        assertEquals(6, readCount(0));
        assertFalse(log.isReadOnly());
    }

    @Test
    void shouldCutTheActiveSegmentAndGiveTheSameOffsetsAgain() throws IOException {
        fill(2);
        log.setReadableEnd(2);

        log.truncateTo(2);

        assertEquals(2, log.nextOffset());
        assertEquals(1, log.currentOffset());
        assertEquals(2L * MESSAGE_BYTES, log.sizeBytes());
        assertEquals(100, log.lastTimestampUs());
        assertEquals(2, appendBatch(500));
        log.setReadableEnd(4);
        assertArrayEquals(new long[] {100, 100, 500, 500}, timestamps(0, 100));

        reopen();
        assertEquals(4, log.nextOffset());
        assertEquals(500, log.lastTimestampUs());
        assertArrayEquals(new long[] {100, 100, 500, 500}, timestamps(0, 100));
    }

    @Test
    void shouldCutIntoASealedSegmentAndDeleteTheLaterOnes() throws IOException {
        fill(10);
        assertEquals(3, log.segmentsCount());
        byte[] kept = copied(log, 0, 5);
        log.setReadableEnd(5);

        log.truncateTo(5);

        assertEquals(1, log.segmentsCount());
        assertEquals(5, log.nextOffset());
        assertEquals(5L * MESSAGE_BYTES, log.sizeBytes());
        assertFalse(segmentExists(8));
        assertFalse(segmentExists(16));
        assertEquals(102, log.lastTimestampUs());
        assertArrayEquals(kept, copied(log, 0, 100));
        for (int i = 0; i < 4; i++) {
            assertEquals(5 + 2 * i, appendBatch(700 + i), "appends go on from the cut, rolling as usual");
        }
        assertEquals(13, log.nextOffset());
        assertTrue(segmentExists(7), "the reopened segment sealed again at its size and rolled at offset 7");
        log.setReadableEnd(13);
        long[] before = timestamps(0, 100);

        reopen();
        assertEquals(13, log.nextOffset());
        assertEquals(2, log.segmentsCount());
        assertArrayEquals(before, timestamps(0, 100));
        assertArrayEquals(kept, copied(log, 0, 5));
        assertEquals(703, log.lastTimestampUs());
    }

    @Test
    void shouldCutAtASegmentBoundary() throws IOException {
        fill(10);
        log.setReadableEnd(8);

        log.truncateTo(8);

        assertEquals(8, log.nextOffset());
        assertEquals(2, log.segmentsCount(), "segment 8 is kept, empty, as the active one");
        assertFalse(segmentExists(16));
        assertEquals(8, appendBatch(900));
        log.setReadableEnd(10);
        reopen();
        assertEquals(10, log.nextOffset());
        long[] stamps = timestamps(0, 100);
        assertEquals(10, stamps.length);
        assertEquals(900, stamps[8]);
        assertEquals(103, stamps[7]);
    }

    @Test
    void shouldHoldBackFromZeroAfterAPurge() throws IOException {
        fill(3);
        log.setReadableEnd(4);

        log.purge();

        assertEquals(0, log.readableEnd());
        appendBatch(300);
        assertEquals(0, readCount(0));
        log.setReadableEnd(2);
        assertEquals(2, readCount(0));
    }

    @Test
    void shouldKeepTheBytesOfRegionsHandedOutBeforeACut() throws IOException {
        fill(10);
        log.setReadableEnd(6);
        byte[] expected = copied(log, 0, 6);
        RegionRead regions = log.readRegions(0, 100);
        assertEquals(6, regions.count());

        log.truncateTo(6);
        appendBatch(999);
        appendBatch(1000);

        try {
            assertArrayEquals(expected, drain(regions));
        } finally {
            regions.regions().forEach(FileRegion::release);
        }
        log.setReadableEnd(10);
        long[] stamps = timestamps(0, 100);
        assertEquals(999, stamps[6]);
        assertEquals(1000, stamps[9]);
    }
}
