package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message log of one partition: a directory of segments ({@link Segment}), each a {@code %020d.log}
 * of messages exactly as a poll returns them ({@link MessageFrame}) and a {@code %020d.index} of one
 * 16-byte entry per message ({@link SegmentIndex}), named by the segment's base offset. Offsets are
 * dense from 0; only the last segment is appended to, and it is rolled before an append once it has
 * reached {@link StorageConfig#segmentSizeBytes()}.
 *
 * <p>Indexes: the active segment's is kept in memory (primitive arrays); sealed segments' are
 * memory-mapped from their {@code .index} files. Appends write straight to the files (no journal
 * here): written bytes are readable at once, and durable after {@link #sync()}. Recovery at
 * {@link #open} is described in {@link SegmentLoader}: a torn or corrupt tail is truncated, never served.
 *
 * <p>Threading: owned by the partition's shard thread and not thread-safe. Only the statistics
 * accessors ({@link #isEmpty()}, {@link #nextOffset()}, {@link #currentOffset()}, {@link #firstOffset()},
 * {@link #messagesCount()}, {@link #sizeBytes()}, {@link #segmentsCount()}) may be called from other
 * threads: they read single-writer volatile fields, each individually up to date.
 *
 * <p>Failure (design note): a failed append is rolled back, its partial bytes truncated from the
 * {@code .log} and the {@code .index}, so it leaves no trace before or after a restart, and the log
 * stays as it was. A failed fsync is never retried as if nothing happened (the "fsyncgate" lesson):
 * with {@code enforce_fsync} the messages appended since the last good fsync, none of them
 * acknowledged, are truncated away, and the log turns read-only ({@link #isReadOnly()}); so does it
 * when a rollback fails or the owner asks ({@link #markReadOnly}). A read-only log refuses appends and
 * fsyncs but keeps serving reads, retention and purge; reopening it (a restart) re-validates the tail
 * and makes it writable again, and so does a purge, which starts from empty files.
 *
 * <p>Written is not always readable (design note, docs/cluster.md "Message bytes and the Raft log"):
 * an owner that writes messages before they are committed elsewhere (a replicated log writing at log
 * time) sets a readable end ({@link #setReadableEnd}); reads and file regions then stop below it, and
 * {@link #truncateTo} may cut the written tail beyond it. Nothing below the readable end is ever cut,
 * which is what keeps file regions handed out earlier valid. Without a readable end every appended
 * message is readable at once, as before.
 */
public final class PartitionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);
    /** Index positions are u32: a segment can never grow past this. */
    private static final long MAX_SEGMENT_END_POSITION = 0xFFFF_FFFFL;
    /** Largest number of bytes one read returns (it returns at least one message). */
    static final long MAX_READ_BYTES = 1L << 30;
    /** Bytes of one {@code .index} entry. */
    private static final int INDEX_ENTRY_BYTES = 16;
    private static final int INITIAL_INDEX_SCRATCH_ENTRIES = 256;

    private final Path dir;
    private final StorageConfig config;
    private final List<Segment> segments;
    private Segment active;
    private int possiblyUnsyncedFrom;
    private boolean directoryUnsynced;
    private ByteBuffer indexScratch;
    private String readOnlyReason;
    private boolean closed;
    /** {@link #nextOffset} when the last fsync succeeded: what an fsync failure rolls back to. */
    private long durableNextOffset;

    private volatile long nextOffset;
    /** Offsets from here on are written but not readable; {@code Long.MAX_VALUE} when all are readable. */
    private volatile long readableEnd = Long.MAX_VALUE;
    private volatile long firstOffset;
    private volatile long sizeBytes;
    private volatile int segmentsCount;

    private PartitionLog(Path dir, StorageConfig config, List<Segment> segments) {
        this.dir = dir;
        this.config = config;
        this.segments = segments;
        this.indexScratch = newIndexScratch(INITIAL_INDEX_SCRATCH_ENTRIES);
        refreshAfterLoad();
        durableNextOffset = nextOffset;
    }

    /**
     * Opens (creating the directory if needed) and recovers the partition log in {@code dir}.
     *
     * @throws IOException if the files cannot be read or a sealed segment is corrupt
     */
    public static PartitionLog open(Path dir, StorageConfig config) throws IOException {
        Files.createDirectories(dir);
        return new PartitionLog(dir, config, new ArrayList<>(SegmentLoader.load(dir, config)));
    }

    private void refreshAfterLoad() {
        active = segments.get(segments.size() - 1);
        long size = 0;
        for (Segment segment : segments) {
            size += segment.sizeBytes();
        }
        sizeBytes = size;
        firstOffset = segments.get(0).baseOffset();
        nextOffset = active.endOffset();
        segmentsCount = segments.size();
        possiblyUnsyncedFrom = segments.size() - 1;
    }

    /** Whether the log retains no message. */
    public boolean isEmpty() {
        return messagesCount() == 0;
    }

    /** Offset the next appended message gets (0 for a new partition). */
    public long nextOffset() {
        return nextOffset;
    }

    /** Offset of the last message, 0 when the log is empty (Iggy's {@code current_offset}). */
    public long currentOffset() {
        long next = nextOffset;
        return next == 0 ? 0 : next - 1;
    }

    /** Oldest retained offset: the base offset of the first segment. */
    public long firstOffset() {
        return firstOffset;
    }

    public long messagesCount() {
        return nextOffset - firstOffset;
    }

    /** Total size of the {@code .log} files. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public int segmentsCount() {
        return segmentsCount;
    }

    /**
     * Appends {@code count} messages laid out back to back in wire format in {@code messages}
     * ({@code readerIndex} to {@code writerIndex}). In place, each message gets its offset
     * ({@code nextOffset() + i}), the timestamp {@code timestampUs}, a random UUID v4 id when its id is 0,
     * and its checksum; then the bytes are written to the active segment (rolled first if full) with one
     * gathering write, and their index entries with one more. Durable only after {@link #sync()}.
     *
     * @param messages    the batch; not released, indexes not moved
     * @param count       number of messages, already validated by the caller
     * @param timestampUs server append time, µs
     * @return the offset of the first message
     * @throws IllegalArgumentException if the messages do not exactly fill the readable bytes
     * @throws IOException              on a write error: the batch's bytes were truncated away and the log is
     *                                  as before ({@link WriteRollbackException} if even that failed, and
     *                                  {@link SyncFailedException} if sealing the full segment failed to
     *                                  fsync: then the log is read-only)
     * @throws ReadOnlyLogException     if the log is read-only
     */
    public long append(ByteBuf messages, int count, long timestampUs) throws IOException {
        checkWritable();
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        long bytes = messages.readableBytes();
        try {
            if (active.isSealed() || active.messagesCount() > 0 && (active.sizeBytes() >= config.segmentSizeBytes()
                || active.sizeBytes() + bytes > MAX_SEGMENT_END_POSITION)) {
                roll();
            }
            if (active.sizeBytes() + bytes > MAX_SEGMENT_END_POSITION) {
                throw new IllegalArgumentException("batch of " + bytes + " bytes exceeds a segment");
            }
            ensureIndexScratch(count);
            long baseOffset = nextOffset;
            active.append(messages, count, baseOffset, timestampUs, indexScratch);
            nextOffset = baseOffset + count;
            sizeBytes += bytes;
            return baseOffset;
        } catch (SyncFailedException e) {
            onSyncFailure(e);
            throw e;
        } catch (WriteRollbackException e) {
            markReadOnly(e.toString());
            throw e;
        }
    }

    /**
     * Seals the active segment (unless a failed roll already did) and starts the next one. A failure
     * leaves the log as it was, or with a sealed active segment that the next append rolls again.
     */
    private void roll() throws IOException {
        if (!active.isSealed()) {
            active.seal(config.enforceFsync());
            if (config.enforceFsync()) {
                durableNextOffset = nextOffset;
            }
        }
        Segment next = Segment.create(dir, nextOffset, config.io().files());
        segments.add(next);
        active = next;
        directoryUnsynced = true;
        segmentsCount = segments.size();
        LOG.debug("Partition {}: rolled to segment {}", dir, next.baseOffset());
    }

    private void ensureIndexScratch(int count) {
        if (indexScratch.capacity() < count * SegmentIndex.ENTRY_LENGTH) {
            indexScratch = newIndexScratch(Math.max(count, indexScratch.capacity() / SegmentIndex.ENTRY_LENGTH * 2));
        }
    }

    private static ByteBuffer newIndexScratch(int entries) {
        return ByteBuffer.allocateDirect(entries * SegmentIndex.ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * fsyncs the {@code .log} of every segment written since the last sync (an open segment's {@code .index} is
     * fsynced when it is sealed, see {@link Segment#force()}), then
     * the directory if segments were created. Blocks: call it off the event loop or accept the stall.
     *
     * @throws SyncFailedException  if an fsync failed: the log is read-only from now on (and, with
     *                              {@code enforce_fsync}, lost what was appended since the last good fsync)
     * @throws ReadOnlyLogException if the log is already read-only: a failed fsync is never retried
     */
    public void sync() throws IOException {
        checkWritable();
        try {
            for (int i = possiblyUnsyncedFrom; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                if (segment.unsynced()) {
                    segment.force();
                }
            }
            possiblyUnsyncedFrom = segments.size() - 1;
            durableNextOffset = nextOffset;
            if (directoryUnsynced) {
                syncDirectory();
                directoryUnsynced = false;
            }
        } catch (IOException e) {
            onSyncFailure(e);
            throw e;
        }
    }

    /**
     * After a failed fsync the page cache may have dropped what it could not write, so nothing written
     * since the last good fsync can be trusted or retried. With {@code enforce_fsync} none of it was
     * acknowledged: it is truncated away, so that neither polls nor a restart show it.
     */
    private void onSyncFailure(IOException cause) {
        if (config.enforceFsync() && durableNextOffset < nextOffset) {
            rollBackTo(durableNextOffset);
        }
        markReadOnly("fsync failed: " + cause);
    }

    private void rollBackTo(long offset) {
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

    /** @return the server timestamp of the last written message, µs; 0 when the log is empty. Owner thread only. */
    public long lastTimestampUs() {
        checkOpen();
        for (int i = segments.size() - 1; i >= 0; i--) {
            SegmentIndex index = segments.get(i).index();
            if (index.count() > 0) {
                return index.timestamp(index.count() - 1);
            }
        }
        return 0;
    }

    /**
     * Makes only offsets below {@code end} readable: reads and file regions stop there, whatever has been
     * written beyond it. Called by an owner that writes messages before they are committed, each time more
     * of them are; {@code Long.MAX_VALUE} makes every written message readable again. The readable end
     * never moves back (what was readable may have been served), except to 0 when {@link #purge} empties
     * the log.
     *
     * @param end the first offset not readable; at most {@link #nextOffset()} unless {@code Long.MAX_VALUE}
     * @throws IllegalArgumentException if {@code end} is below the current readable end or beyond the
     *                                  written messages
     */
    public void setReadableEnd(long end) {
        checkOpen();
        if (end < readableEnd && readableEnd != Long.MAX_VALUE || end < 0) {
            throw new IllegalArgumentException("partition " + dir + ": readable end cannot move back from "
                + readableEnd + " to " + end);
        }
        if (end != Long.MAX_VALUE && end > nextOffset) {
            throw new IllegalArgumentException("partition " + dir + ": readable end " + end
                + " is beyond the written messages (next offset " + nextOffset + ")");
        }
        readableEnd = end;
    }

    /** @return the first offset not readable, or {@code Long.MAX_VALUE} when every written message is */
    public long readableEnd() {
        return readableEnd;
    }

    /** @return the last offset a read may return: the last written one, capped by the readable end */
    private long lastReadableOffset() {
        return Math.min(nextOffset, readableEnd) - 1;
    }

    /**
     * Cuts every message at {@code offset} and after from the log, across segments: later segments are
     * deleted, and the one holding {@code offset} becomes the active segment again, cut there. The next
     * append gets {@code offset}. Used to drop a written tail that was never committed (a replicated log
     * whose uncommitted entries were replaced). Only written-but-unreadable messages may be cut: with no
     * readable end set, nothing can be ({@link #setReadableEnd}).
     *
     * <p>Safe with readers: reads run on the owner thread, and file regions handed out earlier end below
     * the readable end, which is at or before {@code offset}, so the bytes they cover are never changed.
     * The cut is fsynced before this returns (a rare operation), so a crash cannot bring the tail back.
     *
     * @param offset the first offset to drop, between the readable end and {@link #nextOffset()}
     * @throws IllegalArgumentException if {@code offset} is outside that range
     * @throws IOException              if the files cannot be cut: the log is then read-only
     * @throws ReadOnlyLogException     if the log is read-only
     */
    public void truncateTo(long offset) throws IOException {
        checkWritable();
        if (offset < readableEnd() || offset > nextOffset || offset < firstOffset) {
            throw new IllegalArgumentException("partition " + dir + ": cannot truncate to offset " + offset
                + " (readable end " + readableEnd + ", first offset " + firstOffset + ", next offset " + nextOffset
                + ")");
        }
        if (offset == nextOffset) {
            return;
        }
        long before = nextOffset;
        try {
            int keep = segmentOf(offset);
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
            if (directoryUnsynced) {
                // A deleted later segment coming back would no longer follow the cut one.
                syncDirectory();
                directoryUnsynced = false;
            }
        } catch (IOException | RuntimeException e) {
            markReadOnly("truncation to offset " + offset + " failed: " + e);
            throw e;
        } finally {
            active = segments.get(segments.size() - 1);
            long size = 0;
            for (Segment segment : segments) {
                size += segment.sizeBytes();
            }
            sizeBytes = size;
            segmentsCount = segments.size();
            possiblyUnsyncedFrom = Math.min(possiblyUnsyncedFrom, segments.size() - 1);
        }
        nextOffset = offset;
        durableNextOffset = Math.min(durableNextOffset, offset);
        LOG.info("Partition {}: truncated offsets {}..{} (written, never readable)", dir, offset, before - 1);
    }

    /**
     * Refuses appends and fsyncs from now on (reads, retention and purge go on), until the log is reopened
     * or purged. Idempotent; the first reason is kept.
     *
     * @param reason what went wrong, for the log and for refused appends
     */
    public void markReadOnly(String reason) {
        if (readOnlyReason == null) {
            readOnlyReason = reason;
        }
    }

    /** @return whether appends are refused after a storage failure. Owner thread only. */
    public boolean isReadOnly() {
        return readOnlyReason != null;
    }

    private void syncDirectory() {
        // New segment files are only durable once their directory entries are; not every OS lets a directory be
        // opened for force(), and there the file data is already synced, so a failure here is only logged.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("Partition {}: directory fsync not available: {}", dir, e.toString());
        }
    }

    /**
     * Reads up to {@code maxCount} messages from {@code startOffset} (raised to {@link #firstOffset()})
     * into one new buffer from {@code alloc}, contiguous and exactly as stored, possibly spanning
     * segments (at most {@link #MAX_READ_BYTES}, but at least one message). Nothing is read when
     * {@code maxCount <= 0}, the log is empty or {@code startOffset > currentOffset()}.
     *
     * @return the messages; the caller owns and releases {@link ReadResult#data()}
     */
    public ReadResult read(long startOffset, int maxCount, ByteBufAllocator alloc) throws IOException {
        checkOpen();
        long start = Math.max(startOffset, firstOffset);
        long lastReadable = lastReadableOffset();
        if (maxCount <= 0 || isEmpty() || startOffset > lastReadable || start > lastReadable) {
            return new ReadResult(Unpooled.EMPTY_BUFFER, 0, start);
        }
        int first = segmentOf(start);
        long last = readableEnd(first, start, Math.min(lastReadable, start + maxCount - 1));
        return new ReadResult(readRange(first, start, last, alloc), (int) (last - start + 1), start);
    }

    /**
     * What a snapshot of the served state holds when written messages are held back
     * ({@link #setReadableEnd}): each segment file (log and index) that holds a served message, with
     * its length up to the readable end; files of segments holding none are left out.
     *
     * @return file name to length, or null when nothing is held back (every file whole)
     */
    public Map<String, Long> readableFileLengths() {
        checkOpen();
        if (readableEnd == Long.MAX_VALUE) {
            return null;
        }
        Map<String, Long> lengths = new HashMap<>();
        for (Segment segment : segments) {
            long base = segment.baseOffset();
            if (base >= readableEnd && !(base == firstOffset && base == readableEnd)) {
                continue;
            }
            int served = (int) Math.min(segment.messagesCount(), readableEnd - base);
            long logLength = served == segment.messagesCount() ? segment.sizeBytes()
                : segment.index().startPosition(served);
            lengths.put(Segment.logPath(dir, base).getFileName().toString(), logLength);
            lengths.put(Segment.indexPath(dir, base).getFileName().toString(), (long) served * INDEX_ENTRY_BYTES);
        }
        return lengths;
    }

    /**
     * Reads exactly the written messages {@code [start, start + count)}, published or not
     * ({@link #setReadableEnd}): what a replication leader sends a follower that lacks them.
     *
     * @return the messages as stored; the caller owns and releases the buffer
     * @throws IllegalArgumentException when any of them is not in the log (never written, or deleted)
     */
    public ByteBuf readWritten(long start, int count, ByteBufAllocator alloc) throws IOException {
        checkOpen();
        long last = start + count - 1;
        if (count <= 0 || start < firstOffset || last >= nextOffset) {
            throw new IllegalArgumentException("offsets " + start + ".." + last + " are not in the log ("
                + firstOffset + ".." + (nextOffset - 1) + ")");
        }
        return readRange(segmentOf(start), start, last, alloc);
    }

    private ByteBuf readRange(int first, long start, long last, ByteBufAllocator alloc) throws IOException {
        long total = bytesBetween(first, start, last);
        ByteBuf data = alloc.directBuffer((int) total, (int) total);
        try {
            for (int i = first; i < segments.size() && segments.get(i).baseOffset() <= last; i++) {
                Segment segment = segments.get(i);
                if (segment.messagesCount() == 0) {
                    continue;
                }
                int from = (int) (Math.max(start, segment.baseOffset()) - segment.baseOffset());
                int to = (int) (Math.min(last, segment.endOffset() - 1) - segment.baseOffset());
                segment.read(data, segment.index().startPosition(from), segment.index().endPosition(to));
            }
            return data;
        } catch (IOException | RuntimeException e) {
            // A failed read changes nothing on disk: this poll fails, the next one tries again.
            data.release();
            throw e;
        }
    }

    /**
     * Locates the same messages as {@link #read} without reading them: one file region per segment
     * touched, to be sent straight from the page cache (sendfile). Appends only ever add bytes after
     * the regions, and each region keeps its segment's file open ({@link SharedLogFile}), so a region
     * stays valid while the segment is later deleted by retention, purged or closed.
     *
     * @return the regions; the caller owns and releases each of {@link RegionRead#regions()}
     */
    public RegionRead readRegions(long startOffset, int maxCount) throws IOException {
        checkOpen();
        long start = Math.max(startOffset, firstOffset);
        long lastReadable = lastReadableOffset();
        if (maxCount <= 0 || isEmpty() || startOffset > lastReadable || start > lastReadable) {
            return new RegionRead(List.of(), 0, start, 0);
        }
        int first = segmentOf(start);
        long last = readableEnd(first, start, Math.min(lastReadable, start + maxCount - 1));
        List<FileRegion> regions = new ArrayList<>(2);
        long total = 0;
        for (int i = first; i < segments.size() && segments.get(i).baseOffset() <= last; i++) {
            Segment segment = segments.get(i);
            if (segment.messagesCount() == 0) {
                continue;
            }
            int from = (int) (Math.max(start, segment.baseOffset()) - segment.baseOffset());
            int to = (int) (Math.min(last, segment.endOffset() - 1) - segment.baseOffset());
            long startPosition = segment.index().startPosition(from);
            long endPosition = segment.index().endPosition(to);
            regions.add(segment.region(startPosition, endPosition));
            total += endPosition - startPosition;
        }
        return new RegionRead(regions, (int) (last - start + 1), start, total);
    }

    /** The last offset in {@code [start, wantedLast]} such that the read stays within {@link #MAX_READ_BYTES}. */
    private long readableEnd(int first, long start, long wantedLast) {
        long budget = MAX_READ_BYTES;
        for (int i = first; i < segments.size() && segments.get(i).baseOffset() <= wantedLast; i++) {
            Segment segment = segments.get(i);
            if (segment.messagesCount() == 0) {
                continue;
            }
            SegmentIndex index = segment.index();
            int from = (int) (Math.max(start, segment.baseOffset()) - segment.baseOffset());
            int to = (int) (Math.min(wantedLast, segment.endOffset() - 1) - segment.baseOffset());
            long startPosition = index.startPosition(from);
            int fitting = index.lastEndingAtOrBefore(from, to, startPosition + budget);
            if (fitting < to) {
                boolean nothingYet = budget == MAX_READ_BYTES;
                return segment.baseOffset() + (fitting < from && nothingYet ? from : fitting);
            }
            budget -= index.endPosition(to) - startPosition;
        }
        return wantedLast;
    }

    private long bytesBetween(int first, long start, long last) {
        long total = 0;
        for (int i = first; i < segments.size() && segments.get(i).baseOffset() <= last; i++) {
            Segment segment = segments.get(i);
            if (segment.messagesCount() == 0) {
                continue;
            }
            int from = (int) (Math.max(start, segment.baseOffset()) - segment.baseOffset());
            int to = (int) (Math.min(last, segment.endOffset() - 1) - segment.baseOffset());
            total += segment.index().endPosition(to) - segment.index().startPosition(from);
        }
        return total;
    }

    /** Index in {@link #segments} of the segment holding {@code offset} (the last with base offset <= it). */
    private int segmentOf(long offset) {
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

    /** First offset whose stored timestamp is {@code >= timestampUs} (binary search in the index), or -1. */
    public long offsetAtOrAfterTimestamp(long timestampUs) throws IOException {
        checkOpen();
        for (Segment segment : segments) {
            SegmentIndex index = segment.index();
            int count = index.count();
            if (count > 0 && index.timestamp(count - 1) >= timestampUs) {
                return segment.baseOffset() + index.firstAtOrAfter(timestampUs);
            }
        }
        return -1;
    }

    /**
     * The oldest sealed segment (never the active one), or null when the active segment is the only one.
     * Owner thread only.
     */
    public SealedSegment oldestSealed() {
        checkOpen();
        if (segments.size() < 2) {
            return null;
        }
        Segment oldest = segments.get(0);
        SegmentIndex index = oldest.index();
        int count = index.count();
        long first = count == 0 ? 0 : index.timestamp(0);
        long last = count == 0 ? 0 : index.timestamp(count - 1);
        return new SealedSegment(oldest.baseOffset(), oldest.endOffset() - 1, first, last, oldest.sizeBytes());
    }

    /**
     * Deletes the oldest sealed segment ({@link #oldestSealed()}): it leaves the segment list, its index
     * is released and its files are removed; {@link #firstOffset()} moves to the next segment's base.
     * Reads run on the same thread; copied reads are done by then, and file regions handed out earlier keep
     * the deleted file open until they are released ({@link SharedLogFile}).
     *
     * @return the deleted segment, or null when only the active segment exists
     * @throws IOException if the files cannot be removed (the segment is gone from the log either way)
     */
    public SealedSegment deleteOldestSealed() throws IOException {
        SealedSegment oldest = oldestSealed();
        if (oldest == null) {
            return null;
        }
        Segment segment = segments.remove(0);
        possiblyUnsyncedFrom = Math.max(0, possiblyUnsyncedFrom - 1);
        sizeBytes -= segment.sizeBytes();
        firstOffset = segments.get(0).baseOffset();
        segmentsCount = segments.size();
        directoryUnsynced = true;
        // The .log goes first (Segment.delete): a crash in between leaves an orphan .index, which the loader
        // ignores, rather than a .log without an index, which it would resurrect.
        segment.delete();
        LOG.info("Partition {}: deleted segment {} (offsets {}..{})", dir, oldest.baseOffset(), oldest.baseOffset(),
            oldest.lastOffset());
        return oldest;
    }

    /**
     * Deletes every segment and starts again with an empty segment at offset 0; a read-only log is
     * writable again afterwards (its files are new).
     */
    public void purge() throws IOException {
        checkOpen();
        IOException failure = null;
        for (Segment segment : segments) {
            try {
                segment.delete();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            markReadOnly("purge failed: " + failure);
            throw failure;
        }
        segments.clear();
        try {
            segments.add(Segment.create(dir, 0, config.io().files()));
        } catch (IOException e) {
            markReadOnly("purge could not create a new segment: " + e);
            throw e;
        }
        directoryUnsynced = true;
        refreshAfterLoad();
        durableNextOffset = 0;
        if (readableEnd != Long.MAX_VALUE) {
            // Still written ahead of publication, from the new start.
            readableEnd = 0;
        }
        readOnlyReason = null;
        LOG.info("Partition {}: purged", dir);
    }

    /** Closes the files (idempotent); the log cannot be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("Partition {}: failed to close segment {}", dir, segment.baseOffset(), e);
            }
        }
    }

    /** Closes the log and deletes its directory recursively (consumer offsets included). */
    public void delete() throws IOException {
        close();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("partition log " + dir + " is closed");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (readOnlyReason != null) {
            throw new ReadOnlyLogException("partition log " + dir + " is read-only after a storage failure ("
                + readOnlyReason + "); restart the server to recover it");
        }
    }
}
