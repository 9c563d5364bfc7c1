package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>Design note: this class is the log's contract (thread rules, what may be cut, the closed state); the
 * segments and the figures derived from them are a {@link SegmentList}, appends, fsyncs and their failures a
 * {@link LogWriter}, and reads a {@link LogReader}.
 */
public final class PartitionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Path dir;
    private final SegmentList segments;
    private final LogWriter writer;
    private final LogReader reader;
    private boolean closed;

    private PartitionLog(Path dir, StorageConfig config, SegmentList segments) {
        this.dir = dir;
        this.segments = segments;
        this.writer = new LogWriter(segments, config);
        this.reader = new LogReader(segments);
    }

    /**
     * Opens (creating the directory if needed) and recovers the partition log in {@code dir}.
     *
     * @throws IOException if the files cannot be read or a sealed segment is corrupt
     */
    public static PartitionLog open(Path dir, StorageConfig config) throws IOException {
        Files.createDirectories(dir);
        return new PartitionLog(dir, config, new SegmentList(dir, config, new ArrayList<>(SegmentLoader.load(dir,
            config))));
    }

    /** Whether the log retains no message. */
    public boolean isEmpty() {
        return messagesCount() == 0;
    }

    /** Offset the next appended message gets (0 for a new partition). */
    public long nextOffset() {
        return segments.nextOffset();
    }

    /** Offset of the last message, 0 when the log is empty (Iggy's {@code current_offset}). */
    public long currentOffset() {
        long next = segments.nextOffset();
        return next == 0 ? 0 : next - 1;
    }

    /** Oldest retained offset: the base offset of the first segment. */
    public long firstOffset() {
        return segments.firstOffset();
    }

    public long messagesCount() {
        return segments.nextOffset() - segments.firstOffset();
    }

    /** Total size of the {@code .log} files. */
    public long sizeBytes() {
        return segments.sizeBytes();
    }

    public int segmentsCount() {
        return segments.count();
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
        checkOpen();
        return writer.append(messages, count, timestampUs);
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
        checkOpen();
        writer.sync();
    }

    /** @return the server timestamp of the last written message, µs; 0 when the log is empty. Owner thread only. */
    public long lastTimestampUs() {
        checkOpen();
        return reader.lastTimestampUs();
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
        reader.setReadableEnd(end);
    }

    /** @return the first offset not readable, or {@code Long.MAX_VALUE} when every written message is */
    public long readableEnd() {
        return reader.readableEnd();
    }

    /** @return the offset after the last readable message: {@link #nextOffset()}, or the readable end below it */
    public long readableNextOffset() {
        return reader.readableNext();
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
        long before = segments.nextOffset();
        if (offset < readableEnd() || offset > before || offset < segments.firstOffset()) {
            throw new IllegalArgumentException("partition " + dir + ": cannot truncate to offset " + offset
                + " (readable end " + readableEnd() + ", first offset " + segments.firstOffset() + ", next offset "
                + before + ")");
        }
        if (offset == before) {
            return;
        }
        writer.cutFrom(offset);
        LOG.info("Partition {}: truncated offsets {}..{} (written, never readable)", dir, offset, before - 1);
    }

    /**
     * Refuses appends and fsyncs from now on (reads, retention and purge go on), until the log is reopened
     * or purged. Idempotent; the first reason is kept.
     *
     * @param reason what went wrong, for the log and for refused appends
     */
    public void markReadOnly(String reason) {
        writer.markReadOnly(reason);
    }

    /** @return whether appends are refused after a storage failure. Owner thread only. */
    public boolean isReadOnly() {
        return writer.isReadOnly();
    }

    /**
     * Reads up to {@code maxCount} messages from {@code startOffset} (raised to {@link #firstOffset()})
     * into one new buffer from {@code alloc}, contiguous and exactly as stored, possibly spanning
     * segments (at most {@link LogReader#MAX_READ_BYTES}, but at least one message). Nothing is read when
     * {@code maxCount <= 0}, the log is empty or {@code startOffset > currentOffset()}.
     *
     * @return the messages; the caller owns and releases {@link ReadResult#data()}
     */
    public ReadResult read(long startOffset, int maxCount, ByteBufAllocator alloc) throws IOException {
        checkOpen();
        return reader.read(startOffset, maxCount, alloc);
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
        return reader.readableFileLengths();
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
        return reader.readWritten(start, count, alloc);
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
        return reader.readRegions(startOffset, maxCount);
    }

    /** First offset whose stored timestamp is {@code >= timestampUs} (binary search in the index), or -1. */
    public long offsetAtOrAfterTimestamp(long timestampUs) throws IOException {
        checkOpen();
        return reader.offsetAtOrAfterTimestamp(timestampUs);
    }

    /**
     * The oldest sealed segment (never the active one), or null when the active segment is the only one.
     * Owner thread only.
     */
    public SealedSegment oldestSealed() {
        checkOpen();
        return segments.oldestSealed();
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
        if (oldest != null) {
            segments.deleteOldest(oldest);
        }
        return oldest;
    }

    /**
     * Deletes every segment and starts again with an empty segment at offset 0; a read-only log is
     * writable again afterwards (its files are new).
     */
    public void purge() throws IOException {
        checkOpen();
        try {
            segments.deleteFiles();
        } catch (IOException e) {
            markReadOnly("purge failed: " + e);
            throw e;
        }
        try {
            segments.restartEmpty();
        } catch (IOException e) {
            markReadOnly("purge could not create a new segment: " + e);
            throw e;
        }
        writer.onPurged();
        reader.onPurged();
        LOG.info("Partition {}: purged", dir);
    }

    /** Closes the files (idempotent); the log cannot be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        segments.close();
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
        writer.checkWritable();
    }
}
