package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a partition log: a {@code .log} file of messages back to back ({@link MessageFrame})
 * and its {@code .index} ({@link SegmentIndex}), both named by the segment's base offset
 * ({@code %020d.log}, {@code %020d.index}).
 *
 * <p>The active segment keeps both files open for appending and its index in memory
 * ({@link MutableSegmentIndex}); {@link #seal(boolean)} closes the index file and memory-maps it
 * ({@link MappedSegmentIndex}). Every segment keeps its {@code .log} open for reads; the channel is
 * shared with the {@link SegmentRegion}s handed out by {@link #region}, and closes when the segment
 * and all of them have let it go ({@link SharedLogFile}).
 *
 * <p>Not thread-safe: used only by the partition's owning shard thread.
 */
final class Segment {

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";

    private final long baseOffset;
    private final Path logPath;
    private final Path indexPath;
    private final FileChannel log;
    private final SharedLogFile logFile;
    private boolean logReleased;
    private FileChannel indexFile;
    private SegmentIndex index;
    private long sizeBytes;
    private boolean unsynced;
    /** First index entry not yet written to the {@code .index} (recovery could not write it), or -1. */
    private int indexRepairFrom = -1;

    /**
     * Wraps opened files; for an active segment, {@code indexFile} and {@code log} are positioned at
     * their ends and {@code index} is a {@link MutableSegmentIndex}, for a sealed one {@code indexFile} is null.
     */
    Segment(long baseOffset, Path dir, FileChannel log, FileChannel indexFile, SegmentIndex index, long sizeBytes) {
        this.baseOffset = baseOffset;
        this.logPath = logPath(dir, baseOffset);
        this.indexPath = indexPath(dir, baseOffset);
        this.log = log;
        this.logFile = new SharedLogFile(log);
        this.indexFile = indexFile;
        this.index = index;
        this.sizeBytes = sizeBytes;
    }

    /** Creates the empty active segment starting at {@code baseOffset} (an existing index file is reset). */
    static Segment create(Path dir, long baseOffset, FileOpener files) throws IOException {
        Path logPath = logPath(dir, baseOffset);
        FileChannel log = files.open(logPath,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileChannel indexFile = files.open(indexPath(dir, baseOffset), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new Segment(baseOffset, dir, log, indexFile, new MutableSegmentIndex(), 0);
        } catch (IOException | RuntimeException e) {
            log.close();
            // A half-created segment must not stay: the next roll creates it again (CREATE_NEW).
            Files.deleteIfExists(logPath);
            throw e;
        }
    }

    static Path logPath(Path dir, long baseOffset) {
        return dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    }

    static Path indexPath(Path dir, long baseOffset) {
        return dir.resolve(fileName(baseOffset, INDEX_SUFFIX));
    }

    private static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    long baseOffset() {
        return baseOffset;
    }

    /** Offset the next message appended to this segment would get. */
    long endOffset() {
        return baseOffset + index.count();
    }

    int messagesCount() {
        return index.count();
    }

    long sizeBytes() {
        return sizeBytes;
    }

    SegmentIndex index() {
        return index;
    }

    /**
     * Stamps {@code count} messages of {@code messages} (offsets from {@code firstOffset}) and appends
     * them: one gathering write to the {@code .log}, then their entries, staged in {@code indexScratch}
     * (little-endian, capacity at least {@code count * 16}), in one write to the {@code .index}.
     * On failure the in-memory index is left as before and both files are truncated back to where they
     * ended, so a failed batch leaves no bytes behind; if even that fails, {@link WriteRollbackException}
     * says the files' tails are unknown.
     *
     * @throws IllegalArgumentException if the messages do not exactly fill the readable bytes
     */
    void append(ByteBuf messages, int count, long firstOffset, long timestampUs, ByteBuffer indexScratch)
        throws IOException {
        repairIndexIfPending();
        MutableSegmentIndex active = (MutableSegmentIndex) index;
        int countBefore = active.count();
        boolean appended = false;
        try {
            long endPosition = stamp(messages, count, firstOffset, timestampUs, active, indexScratch);
            int start = messages.readerIndex();
            unsynced = true;
            writeFully(log, messages.nioBuffers(start, messages.writerIndex() - start));
            indexScratch.flip();
            while (indexScratch.hasRemaining()) {
                indexFile.write(indexScratch);
            }
            sizeBytes = endPosition;
            appended = true;
        } catch (IOException e) {
            rollBack(countBefore, e);
            throw e;
        } finally {
            if (!appended) {
                active.truncate(countBefore);
            }
        }
    }

    /** Cuts both files back to their first {@code count} messages after a failed write. */
    private void rollBack(int count, IOException cause) throws WriteRollbackException {
        try {
            truncateFiles(count);
        } catch (IOException e) {
            WriteRollbackException failure = new WriteRollbackException(
                "cannot truncate the failed write from segment " + logPath, cause);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /**
     * Drops every message from {@code count} on, from the files and the in-memory index, leaving the
     * segment ready for appends after message {@code count - 1}. Active segment only.
     */
    void truncateTo(int count) throws IOException {
        truncateFiles(count);
        ((MutableSegmentIndex) index).truncate(count);
        sizeBytes = count == 0 ? 0 : index.endPosition(count - 1);
    }

    private void truncateFiles(int count) throws IOException {
        long logEnd = count == 0 ? 0 : index.endPosition(count - 1);
        long indexEnd = (long) count * SegmentIndex.ENTRY_LENGTH;
        log.truncate(logEnd);
        log.position(logEnd);
        indexFile.truncate(indexEnd);
        indexFile.position(indexEnd);
    }

    /** Whether {@link #seal} ran: the segment takes no more appends. */
    boolean isSealed() {
        return indexFile == null;
    }

    private long stamp(ByteBuf messages, int count, long firstOffset, long timestampUs,
                       MutableSegmentIndex active, ByteBuffer indexScratch) {
        int at = messages.readerIndex();
        int end = messages.writerIndex();
        long position = sizeBytes;
        int relativeOffset = active.count();
        indexScratch.clear();
        for (int i = 0; i < count; i++) {
            long length = end - at < MessageFrame.HEADER_LENGTH ? Long.MAX_VALUE : MessageFrame.length(messages, at);
            if (length > end - at) {
                throw new IllegalArgumentException("message " + i + " of " + count + " overruns the buffer");
            }
            MessageFrame.stamp(messages, at, (int) length, firstOffset + i, timestampUs);
            at += (int) length;
            position += length;
            active.add(position, timestampUs);
            MutableSegmentIndex.putEntry(indexScratch, relativeOffset + i, position, timestampUs);
        }
        if (at != end) {
            throw new IllegalArgumentException((end - at) + " bytes follow the " + count + " messages");
        }
        return position;
    }

    private static void writeFully(FileChannel channel, ByteBuffer[] sources) throws IOException {
        long remaining = 0;
        for (ByteBuffer source : sources) {
            remaining += source.remaining();
        }
        while (remaining > 0) {
            remaining -= channel.write(sources);
        }
    }

    /** Appends the {@code .log} bytes {@code [from, to)} to {@code dst}, which must have room. */
    void read(ByteBuf dst, long from, long to) throws IOException {
        long position = from;
        while (position < to) {
            int read = dst.writeBytes(log, position, (int) Math.min(to - position, Integer.MAX_VALUE));
            if (read < 0) {
                throw new IOException("unexpected end of " + logPath + " at " + position + ", expected " + to);
            }
            position += read;
        }
    }

    /**
     * The {@code .log} bytes {@code [from, to)} as a file region that stays readable after this
     * segment is closed or deleted, until the region is released.
     */
    SegmentRegion region(long from, long to) {
        logFile.retain();
        return new SegmentRegion(logFile, from, to - from);
    }

    /** Whether appends happened since the last {@link #force()}. */
    boolean unsynced() {
        return unsynced;
    }

    /**
     * Recovery kept the entries from {@code from} on in memory only, because writing them failed (a full
     * disk at startup); they are written before the next append or seal.
     */
    void repairIndexFrom(int from) {
        indexRepairFrom = from;
    }

    private void repairIndexIfPending() throws IOException {
        if (indexRepairFrom < 0) {
            return;
        }
        MutableSegmentIndex active = (MutableSegmentIndex) index;
        indexFile.truncate((long) indexRepairFrom * SegmentIndex.ENTRY_LENGTH);
        active.writeTo(indexFile, indexRepairFrom);
        indexFile.position((long) active.count() * SegmentIndex.ENTRY_LENGTH);
        indexRepairFrom = -1;
        unsynced = true;
    }

    /**
     * fsyncs the {@code .log}. The open segment's {@code .index} is fsynced only when the segment is
     * sealed: recovery trusts its entries only as far as they match the log and rebuilds the rest by
     * scanning the log ({@code SegmentLoader}), so the log alone makes appended messages durable, and a
     * group commit costs one {@code fdatasync} per batch instead of two (docs/benchmarks-history.md "Fifth session").
     *
     * @throws SyncFailedException if the fsync fails: what reached the disk is then unknown
     */
    void force() throws IOException {
        forceFile(log);
        unsynced = false;
    }

    private void forceFile(FileChannel file) throws SyncFailedException {
        try {
            file.force(false);
        } catch (IOException e) {
            SyncFailedException failure = new SyncFailedException("fsync of segment " + logPath + " failed: " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    /**
     * Turns the active segment into a sealed one: optionally fsyncs it, memory-maps its index and closes
     * its index file. With {@code forceFirst} both files are fsynced first. Nothing changes when a step
     * fails. An unsynced sealed {@code .log} is still fsynced by a later {@link #force()}.
     */
    void seal(boolean forceFirst) throws IOException {
        if (indexFile == null) {
            return;
        }
        repairIndexIfPending();
        if (forceFirst) {
            if (unsynced) {
                force();
            }
            forceFile(indexFile);
        }
        int count = index.count();
        MappedSegmentIndex mapped = MappedSegmentIndex.map(indexPath, count);
        indexFile.close();
        indexFile = null;
        index.close();
        index = mapped;
    }

    /**
     * Closes the files and releases the index (idempotent). The {@code .log} channel closes now unless
     * regions of it are still in flight; then it closes when the last is released.
     */
    void close() throws IOException {
        index.close();
        try {
            if (indexFile != null) {
                indexFile.close();
            }
        } finally {
            if (!logReleased) {
                logReleased = true;
                logFile.release();
            }
        }
    }

    /** Closes the segment and deletes its files. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(logPath);
        Files.deleteIfExists(indexPath);
    }
}
