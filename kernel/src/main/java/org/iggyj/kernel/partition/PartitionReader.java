package org.iggyj.kernel.partition;

import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.kernel.storage.RegionRead;

/**
 * What polls read from a partition: the messages it serves (up to the published end,
 * {@link WriteAhead#publishUpTo}), copied or as file regions, and the offsets a polling strategy starts
 * from. Read-only: nothing here changes the log.
 *
 * <p>Confined to the partition's owner thread; usable once the partition is open.
 */
public final class PartitionReader {

    /** stream/topic/partition, for messages. */
    private final String partition;
    private PartitionLog log;

    PartitionReader(String partition) {
        this.partition = partition;
    }

    void onOpened(PartitionLog openedLog) {
        this.log = openedLog;
    }

    /**
     * Reads up to {@code maxCount} messages from {@code startOffset}.
     *
     * @param startOffset first offset wanted
     * @param maxCount    most messages to return
     * @param alloc       allocator for the result buffer
     * @return the messages, which the caller must release
     */
    public ReadResult read(long startOffset, int maxCount, ByteBufAllocator alloc) {
        try {
            return log.read(startOffset, maxCount, alloc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partition " + partition, e);
        }
    }

    /**
     * Locates up to {@code maxCount} messages from {@code startOffset} as file regions, for a zero-copy
     * reply.
     *
     * @return the regions, which the caller must release
     */
    public RegionRead readRegions(long startOffset, int maxCount) {
        try {
            return log.readRegions(startOffset, maxCount);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partition " + partition, e);
        }
    }

    /**
     * @param timestampUs a server timestamp
     * @return the first offset stamped at or after it, or -1
     */
    public long offsetAtOrAfterTimestamp(long timestampUs) {
        try {
            return log.offsetAtOrAfterTimestamp(timestampUs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search partition " + partition, e);
        }
    }

    /** @return whether the partition holds no message it serves */
    public boolean isEmpty() {
        return log.readableNextOffset() <= log.firstOffset();
    }

    /** @return the oldest retained offset */
    public long firstOffset() {
        return log.firstOffset();
    }

    /** @return the last offset served, 0 when empty */
    public long currentOffset() {
        long next = log.readableNextOffset();
        return next == 0 ? 0 : next - 1;
    }
}
