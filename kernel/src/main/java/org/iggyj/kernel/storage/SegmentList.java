package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments of one partition log in offset order, the last one active (the only one appended to), with
 * the statistics other threads read and what the next fsync has to cover: the segments written since the
 * last one, and the directory when segment files were created or deleted.
 *
 * <p>Threading: owned by the partition's shard thread and not thread-safe, except the statistics
 * ({@link #nextOffset()}, {@link #firstOffset()}, {@link #sizeBytes()}, {@link #count()}): single-writer
 * volatile fields, each individually up to date for any thread.
 *
 * <p>Design note: {@link PartitionLog} decides when to roll, what a failure costs (read-only, the fsyncgate
 * rollback) and what is readable; this class only changes the list and its files and keeps the figures
 * derived from them in step.
 */
final class SegmentList {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentList.class);

    private final Path dir;
    private final StorageConfig config;
    private final List<Segment> segments;
    private Segment active;
    /** Segments before this one were all fsynced since their last write. */
    private int possiblyUnsyncedFrom;
    private boolean directoryUnsynced;

    private volatile long nextOffset;
    private volatile long firstOffset;
    private volatile long sizeBytes;
    private volatile int count;

    /**
     * @param segments the recovered segments, at least one, in offset order; the list is kept and changed
     */
    SegmentList(Path dir, StorageConfig config, List<Segment> segments) {
        this.dir = dir;
        this.config = config;
        this.segments = segments;
        refreshAfterLoad();
    }

    private void refreshAfterLoad() {
        recount();
        possiblyUnsyncedFrom = segments.size() - 1;
        firstOffset = segments.get(0).baseOffset();
        nextOffset = active.endOffset();
    }

    /** Re-derives the active segment, size and count after the list changed shape. */
    private void recount() {
        active = segments.get(segments.size() - 1);
        long size = 0;
        for (Segment segment : segments) {
            size += segment.sizeBytes();
        }
        sizeBytes = size;
        count = segments.size();
        possiblyUnsyncedFrom = Math.min(possiblyUnsyncedFrom, segments.size() - 1);
    }

    Path dir() {
        return dir;
    }

    Segment active() {
        return active;
    }

    Segment get(int i) {
        return segments.get(i);
    }

    int size() {
        return segments.size();
    }

    long nextOffset() {
        return nextOffset;
    }

    long firstOffset() {
        return firstOffset;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    int count() {
        return count;
    }

    /** Records an append of {@code bytes} to the active segment that ends at {@code next}. */
    void onAppended(long next, long bytes) {
        nextOffset = next;
        sizeBytes += bytes;
    }

    /** Moves the next offset back to {@code next} once the tail beyond it is cut for good. */
    void onTruncated(long next) {
        nextOffset = next;
    }

    /** Index of the segment holding {@code offset} (the last with base offset <= it). */
    int indexOf(long offset) {
        int low = 0;
        int high = segments.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (segments.get(mid).baseOffset() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Starts an empty active segment at {@link #nextOffset()}; the caller sealed the current one. */
    void startNext() throws IOException {
        Segment next = Segment.create(dir, nextOffset, config.io().files());
        segments.add(next);
        active = next;
        directoryUnsynced = true;
        count = segments.size();
        LOG.debug("Partition {}: rolled to segment {}", dir, next.baseOffset());
    }

    /**
     * fsyncs the {@code .log} of every segment written since the last sync, then the directory if segment
     * files were created or deleted.
     */
    void force() throws IOException {
        for (int i = possiblyUnsyncedFrom; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.unsynced()) {
                segment.force();
            }
        }
        possiblyUnsyncedFrom = segments.size() - 1;
        forceDirectoryIfChanged();
    }

    private void forceDirectoryIfChanged() {
        if (!directoryUnsynced) {
            return;
        }
        // New segment files are only durable once their directory entries are; not every OS lets a directory be
        // opened for force(), and there the file data is already synced, so a failure here is only logged.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("Partition {}: directory fsync not available: {}", dir, e.toString());
        }
        directoryUnsynced = false;
    }

    /**
     * Drops the messages from {@code offset} on after a failed fsync, when they all lie in the active segment;
     * a failure to do so is only logged (the log turns read-only either way).
     */
    void rollBackActiveTo(long offset) {
        if (active.isSealed() || offset < active.baseOffset()) {
            LOG.error("Partition {}: cannot truncate offsets {}..{} after a failed fsync: they lie in a sealed "
                + "segment", dir, offset, nextOffset - 1);
            return;
        }
        long activeBytesBefore = active.sizeBytes();
        try {
            active.truncateTo((int) (offset - active.baseOffset()));
            LOG.warn("Partition {}: truncated offsets {}..{}, appended but not acknowledged before the failed "
                + "fsync", dir, offset, nextOffset - 1);
            nextOffset = offset;
        } catch (IOException e) {
            LOG.error("Partition {}: cannot truncate the unacknowledged offsets {}..{} after a failed fsync; a "
                + "restart may show them", dir, offset, nextOffset - 1, e);
        } finally {
            sizeBytes -= activeBytesBefore - active.sizeBytes();
        }
    }

    /**
     * Cuts every message at {@code offset} and after: later segments are deleted, and the one holding
     * {@code offset} becomes the active segment again, cut there. The cut is fsynced before this returns, so a
     * crash cannot bring the tail back. {@link #nextOffset()} is left for the caller ({@link #onTruncated}).
     */
    void cutFrom(long offset) throws IOException {
        try {
            int keep = indexOf(offset);
            for (int i = segments.size() - 1; i > keep; i--) {
                segments.remove(i).delete();
                directoryUnsynced = true;
            }
            Segment holder = segments.get(keep);
            if (holder.isSealed()) {
                holder.close();
                holder = SegmentLoader.reopenAsLast(dir, config, holder.baseOffset());
                segments.set(keep, holder);
            }
            holder.truncateTo((int) (offset - holder.baseOffset()));
            // A tail that comes back after a crash would be taken for written messages: the cut is made durable.
            holder.force();
            // A deleted later segment coming back would no longer follow the cut one.
            forceDirectoryIfChanged();
        } finally {
            recount();
        }
    }

    /** The oldest sealed segment (never the active one), or null when the active segment is the only one. */
    SealedSegment oldestSealed() {
        if (segments.size() < 2) {
            return null;
        }
        Segment oldest = segments.get(0);
        SegmentIndex index = oldest.index();
        int entries = index.count();
        long first = entries == 0 ? 0 : index.timestamp(0);
        long last = entries == 0 ? 0 : index.timestamp(entries - 1);
        return new SealedSegment(oldest.baseOffset(), oldest.endOffset() - 1, first, last, oldest.sizeBytes());
    }

    /**
     * Removes {@code oldest}, the {@link #oldestSealed()} segment, from the list and deletes its files.
     *
     * @throws IOException if the files cannot be removed (the segment is gone from the list either way)
     */
    void deleteOldest(SealedSegment oldest) throws IOException {
        Segment segment = segments.remove(0);
        possiblyUnsyncedFrom = Math.max(0, possiblyUnsyncedFrom - 1);
        sizeBytes -= segment.sizeBytes();
        firstOffset = segments.get(0).baseOffset();
        count = segments.size();
        directoryUnsynced = true;
        // The .log goes first (Segment.delete): a crash in between leaves an orphan .index, which the loader
        // ignores, rather than a .log without an index, which it would resurrect.
        segment.delete();
        LOG.info("Partition {}: deleted segment {} (offsets {}..{})", dir, oldest.baseOffset(), oldest.baseOffset(),
            oldest.lastOffset());
    }

    /**
     * Deletes the files of every segment; the list stays as it is.
     *
     * @throws IOException the last deletion failure, after trying every segment
     */
    void deleteFiles() throws IOException {
        IOException failure = null;
        for (Segment segment : segments) {
            try {
                segment.delete();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Replaces the list with one new empty segment at offset 0 (after {@link #deleteFiles()}). */
    void restartEmpty() throws IOException {
        segments.clear();
        segments.add(Segment.create(dir, 0, config.io().files()));
        directoryUnsynced = true;
        refreshAfterLoad();
    }

    /** Closes every segment's files, logging failures. */
    void close() {
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("Partition {}: failed to close segment {}", dir, segment.baseOffset(), e);
            }
        }
    }
}
