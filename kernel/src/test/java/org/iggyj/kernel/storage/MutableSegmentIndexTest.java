package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block-wise in-memory index: entries across block boundaries, truncation, reuse, the file layout. */
class MutableSegmentIndexTest {

    private static final int MANY = MutableSegmentIndex.BLOCK_ENTRIES * 20 + 7;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryEntryAcrossManyBlocks() {
        MutableSegmentIndex index = new MutableSegmentIndex();
        for (int i = 0; i < MANY; i++) {
            index.add(position(i), timestamp(i));
        }
        assertEquals(MANY, index.count());
        for (int i = 0; i < MANY; i++) {
            assertEquals(position(i), index.endPosition(i), "position " + i);
            assertEquals(timestamp(i), index.timestamp(i), "timestamp " + i);
        }
    }

    @Test
    void shouldOverwriteTruncatedEntriesInBlocksItKept() {
        MutableSegmentIndex index = new MutableSegmentIndex();
        for (int i = 0; i < 3 * MutableSegmentIndex.BLOCK_ENTRIES; i++) {
            index.add(position(i), timestamp(i));
        }
        int kept = MutableSegmentIndex.BLOCK_ENTRIES;
        index.truncate(kept);
        assertEquals(kept, index.count());
        for (int i = kept; i < 2 * MutableSegmentIndex.BLOCK_ENTRIES + 1; i++) {
            index.add(position(i) + 1, -timestamp(i));
        }
        assertEquals(position(kept - 1), index.endPosition(kept - 1));
        assertEquals(position(kept) + 1, index.endPosition(kept));
        assertEquals(-timestamp(2 * MutableSegmentIndex.BLOCK_ENTRIES), index.timestamp(2 * MutableSegmentIndex.BLOCK_ENTRIES));
        assertEquals(2 * MutableSegmentIndex.BLOCK_ENTRIES + 1, index.count());
    }

    @Test
    void shouldStartEmptyAgainAfterClose() {
        MutableSegmentIndex index = new MutableSegmentIndex();
        index.add(100, 1);
        index.close();
        assertEquals(0, index.count());
        index.add(200, 2);
        assertEquals(1, index.count());
        assertEquals(200, index.endPosition(0));
    }

    @Test
    void shouldWriteEntriesInFileLayoutFromAnyEntry() throws IOException {
        MutableSegmentIndex index = new MutableSegmentIndex();
        for (int i = 0; i < MANY; i++) {
            index.add(position(i), timestamp(i));
        }
        Path file = dir.resolve("00000000000000000000.index");
        int from = MutableSegmentIndex.BLOCK_ENTRIES - 3;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            index.writeTo(channel, from);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((long) MANY * SegmentIndex.ENTRY_LENGTH, bytes.capacity());
        bytes.position(from * SegmentIndex.ENTRY_LENGTH);
        for (int i = from; i < MANY; i++) {
            assertEquals(i, bytes.getInt(), "relative offset " + i);
            assertEquals(position(i), Integer.toUnsignedLong(bytes.getInt()), "position " + i);
            assertEquals(timestamp(i), bytes.getLong(), "timestamp " + i);
        }
    }

    /** Positions up to 1 GiB and beyond 2^31, as a full segment has them. */
    private static long position(int i) {
        return (long) (i + 1) * 40_000L;
    }

    private static long timestamp(int i) {
        return 1_700_000_000_000_000L + i * 3L;
    }
}
