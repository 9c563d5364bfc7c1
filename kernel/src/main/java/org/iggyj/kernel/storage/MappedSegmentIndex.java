package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The index of a sealed segment, memory-mapped read-only from its {@code .index} file (layout in
 * {@link SegmentIndex}): sealed indexes cost page cache, not heap, however much data a partition
 * holds. {@link #close()} drops the mapping and the GC unmaps it (the JDK has no public unmap), so a
 * deleted index file's disk space (16 bytes per message) is reclaimed only then.
 *
 * <p>Not thread-safe: used only by the partition's owning shard thread.
 */
final class MappedSegmentIndex implements SegmentIndex {

    private MappedByteBuffer entries;
    private final int count;

    private MappedSegmentIndex(MappedByteBuffer entries, int count) {
        this.entries = entries;
        this.count = count;
    }

    /** Maps the first {@code count} entries of the index file at {@code path}. */
    static MappedSegmentIndex map(Path path, int count) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MappedByteBuffer entries = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) count * ENTRY_LENGTH);
            entries.order(ByteOrder.LITTLE_ENDIAN);
            return new MappedSegmentIndex(entries, count);
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long endPosition(int i) {
        return Integer.toUnsignedLong(entries.getInt(i * ENTRY_LENGTH + POSITION_OFFSET));
    }

    @Override
    public long timestamp(int i) {
        return entries.getLong(i * ENTRY_LENGTH + TIMESTAMP_OFFSET);
    }

    @Override
    public void close() {
        // Dropping the reference is all the JDK offers without internal APIs; the GC unmaps the file later.
        entries = null;
    }
}
