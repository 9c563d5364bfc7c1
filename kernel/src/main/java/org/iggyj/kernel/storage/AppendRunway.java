package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the page cache of the active segment's {@code .log} filled a little past the end of its data, so
 * that the next append copies into pages that are already there instead of making the kernel allocate
 * (and, on a VM whose free memory the host takes back, back again) new pages inside the write, and so
 * that the {@code fdatasync} of a group commit does not write a new file size with every batch.
 *
 * <p>How: the file is extended past its data in {@link #EXTEND_BYTES} steps (a one-byte write at the new
 * end, which leaves a sparse hole and allocates no blocks before it), and the hole in front of the data
 * is read once ({@link #AHEAD_BYTES} ahead of the data's end), which puts clean zero pages in the page
 * cache; an append then overwrites them. Nothing of the hole is ever written back unless data lands in it.
 *
 * <p>Durability and format: the bytes past the data are zeros (a hole), never a valid message: recovery
 * scans the last segment past its last indexed message and cuts at the first invalid one
 * ({@link SegmentLoader}), so after a crash the file is cut back to its data, exactly as a torn write is.
 * An acknowledgement under {@code enforce_fsync} still follows the {@code fdatasync} of the batch's bytes;
 * the larger file size only means a crash leaves a zero tail for recovery to cut. Before a segment is
 * sealed or closed the file is cut back to its data ({@link #trim}), so sealed segments and the files of a
 * cleanly stopped server are exactly as long as their messages (the 0.8 layout).
 *
 * <p>Not thread-safe: owned by the segment, used by the partition's owner shard thread. The read buffer is
 * one per thread (a shard thread serves many partitions, one at a time).
 */
final class AppendRunway {

    private static final Logger LOG = LoggerFactory.getLogger(AppendRunway.class);

    /** How far past the data's end the page cache is kept filled: more than one batch of 1000 x 1 KiB. */
    static final long AHEAD_BYTES = 2L << 20;
    /** How far the file is extended at once: one size change (and its inode write) per this many bytes. */
    static final long EXTEND_BYTES = 16L << 20;
    private static final int READ_BYTES = 256 << 10;
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
        ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_BYTES));
    private static final ByteBuffer ONE_ZERO = ByteBuffer.allocateDirect(1);

    private final FileChannel log;
    private final long limit;
    /** The file's size: the data's end, or past it when extended. */
    private long fileSize;
    /** The page cache holds the file up to here (the data and the hole read so far). */
    private long cachedTo;
    private boolean disabled;

    /**
     * @param log      the segment's {@code .log}, whose size is {@code dataEnd}
     * @param dataEnd  where its data ends
     * @param limit    the file is never extended past this (the largest position an index entry can hold)
     */
    AppendRunway(FileChannel log, long dataEnd, long limit) {
        this.log = log;
        this.limit = limit;
        this.fileSize = dataEnd;
        this.cachedTo = dataEnd;
    }

    /**
     * Called after data was appended up to {@code dataEnd}: extends the file and reads its hole ahead as
     * needed. A failure here fails no append: the runway is given up for this segment (logged).
     */
    void advance(long dataEnd) {
        if (disabled) {
            return;
        }
        long wanted = Math.min(dataEnd + AHEAD_BYTES, limit);
        cachedTo = Math.max(cachedTo, dataEnd);
        if (wanted <= cachedTo) {
            return;
        }
        try {
            if (wanted > fileSize) {
                extendTo(Math.min(dataEnd + EXTEND_BYTES, limit));
            }
            readHole(cachedTo, Math.min(wanted, fileSize));
        } catch (IOException e) {
            disabled = true;
            LOG.debug("Page cache runway of a segment given up: {}", e.toString());
        }
    }

    private void extendTo(long size) throws IOException {
        ByteBuffer zero = ONE_ZERO.duplicate();
        while (zero.hasRemaining()) {
            log.write(zero, size - 1);
        }
        fileSize = size;
    }

    private void readHole(long from, long to) throws IOException {
        ByteBuffer buffer = READ_BUFFER.get();
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
            int read = log.read(buffer, position);
            if (read < 0) {
                break;
            }
            position += read;
        }
        cachedTo = position;
    }

    /** The data now ends at {@code dataEnd} and the file was cut there (a rollback or a truncation). */
    void onCut(long dataEnd) {
        fileSize = dataEnd;
        cachedTo = dataEnd;
    }

    /**
     * Cuts the file back to {@code dataEnd} if it was extended past it; no more extensions after this.
     *
     * @return whether the file was cut (its new size is not yet durable)
     */
    boolean trim(long dataEnd) throws IOException {
        disabled = true;
        cachedTo = dataEnd;
        if (fileSize <= dataEnd) {
            return false;
        }
        log.truncate(dataEnd);
        fileSize = dataEnd;
        return true;
    }
}
