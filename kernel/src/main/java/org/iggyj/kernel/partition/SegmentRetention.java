package org.iggyj.kernel.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.iggyj.kernel.storage.ConsumerOffsets;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.SealedSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a partition's sealed segments may be deleted, oldest first, and their deletion: by count
 * (delete_segments), by age (message expiry) or as the server-wide size cleaner chooses. Two barriers keep a
 * segment: a stored consumer or group offset below its last offset, and the retention floor a replication
 * leader sets for a lagging follower (docs/cluster.md, "Message bytes and the Raft log", point 7).
 *
 * <p>Confined to the partition's owner thread, except {@link #floor(long)}, which any thread may set.
 */
public final class SegmentRetention {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRetention.class);

    private final String partition;
    private final DiskSpace space;
    /** Run after each deletion attempt: the partition publishes its statistics. */
    private final Runnable onChange;
    private PartitionLog log;
    private ConsumerOffsets offsets;
    /** Segments holding offsets at or above it are kept. */
    private volatile long floor = Long.MAX_VALUE;

    /**
     * @param partition stream/topic/partition, for messages
     * @param space     the free-space account told when files are deleted
     * @param onChange  run after each deletion attempt
     */
    SegmentRetention(String partition, DiskSpace space, Runnable onChange) {
        this.partition = partition;
        this.space = space;
        this.onChange = onChange;
    }

    /** The partition's files once opened; before that nothing may be deleted. */
    void onOpened(PartitionLog openedLog, ConsumerOffsets openedOffsets) {
        this.log = openedLog;
        this.offsets = openedOffsets;
    }

    /**
     * Retention keeps every segment holding an offset at or above {@code lowest} (docs/cluster.md, "Message
     * bytes and the Raft log", point 7: a replication leader may still read them for a lagging follower).
     * Any thread.
     *
     * @param lowest the lowest offset to keep; {@code Long.MAX_VALUE} (the default): none
     */
    public void floor(long lowest) {
        this.floor = lowest;
    }

    /**
     * Deletes up to {@code max} of the oldest sealed segments, stopping at the barriers
     * (delete_segments).
     *
     * @return how many segments were deleted
     */
    public int deleteOldest(long max) {
        int deleted = 0;
        while (deleted < max && deleteOldestIf(segment -> true)) {
            deleted++;
        }
        return deleted;
    }

    /**
     * Deletes the sealed segments whose last message is at least {@code expiryUs} old at {@code nowUs},
     * oldest first, stopping at the first one that must stay.
     *
     * @return how many segments were deleted
     */
    public int deleteExpired(long nowUs, long expiryUs) {
        int deleted = 0;
        while (deleteOldestIf(segment -> segment.lastTimestampUs() + expiryUs <= nowUs)) {
            deleted++;
        }
        return deleted;
    }

    /** @return the oldest sealed segment if the barriers let it be deleted now, else null */
    public SealedSegment deletableOldest() {
        SealedSegment oldest = log.oldestSealed();
        return oldest != null && belowBarrier(oldest) ? oldest : null;
    }

    /**
     * Deletes the oldest sealed segment if the barriers allow it.
     *
     * @return whether a segment was deleted
     */
    public boolean deleteOldest() {
        return deleteOldestIf(segment -> true);
    }

    private boolean deleteOldestIf(Predicate<SealedSegment> wanted) {
        SealedSegment oldest = log.oldestSealed();
        if (oldest == null || !wanted.test(oldest) || !belowBarrier(oldest)) {
            return false;
        }
        try {
            log.deleteOldestSealed();
            space.onSpaceFreed();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a segment of partition " + partition, e);
        } finally {
            onChange.run();
        }
    }

    /** The barrier: no stored consumer or group offset may lie below the segment's last offset. */
    private boolean belowBarrier(SealedSegment segment) {
        if (segment.lastOffset() >= floor) {
            return false;
        }
        OptionalLong lowest = offsets.lowest();
        if (lowest.isPresent() && lowest.getAsLong() < segment.lastOffset()) {
            LOG.warn("Partition {}: segment {} kept, a consumer offset ({}) is below its last offset {}",
                partition, segment.baseOffset(), lowest.getAsLong(), segment.lastOffset());
            return false;
        }
        return true;
    }
}
