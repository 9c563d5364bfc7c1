package org.iggyj.kernel.storage;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The index of a sealed segment, memory-mapped read-only from its {@code .index} file (layout in
 * {@link SegmentIndex}): sealed indexes cost page cache, not heap, however much data a partition
 * holds. The mapping is released eagerly on {@link #close()} so that purged or deleted segments give
 * their disk space back without waiting for a GC.
 *
 * <p>Not thread-safe: used only by the partition's owning shard thread, which must not touch the
 * index after closing it (the memory is unmapped).
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
        MappedByteBuffer mapped = entries;
        entries = null;
        if (mapped != null && mapped.capacity() > 0) {
            PlatformDependent.freeDirectBuffer(mapped);
        }
    }
}
