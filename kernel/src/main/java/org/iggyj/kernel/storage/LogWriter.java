package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The write side of one partition log: appends (rolling the active segment when full), fsyncs, cuts of a
 * written tail, and what a storage failure costs: the log turns read-only, and after a failed fsync with
 * {@code enforce_fsync} what was appended since the last good one is truncated away (see
 * {@link PartitionLog}, "Failure").
 *
 * <p>Threading: owned by the partition's shard thread and not thread-safe.
 *
 * <p>Design note: the index entries of a batch are built in one direct scratch buffer kept across appends
 * and grown only when a larger batch comes, so an append allocates nothing per message.
 */
final class LogWriter {

    /** Index positions are u32: a segment can never grow past this. */
    private static final long MAX_SEGMENT_END_POSITION = 0xFFFF_FFFFL;
    private static final int INITIAL_INDEX_SCRATCH_ENTRIES = 256;

    private final SegmentList segments;
    private final StorageConfig config;
    private ByteBuffer indexScratch;
    private String readOnlyReason;
    /** The next offset when the last fsync succeeded: what an fsync failure rolls back to. */
    private long durableNextOffset;

    LogWriter(SegmentList segments, StorageConfig config) {
        this.segments = segments;
        this.config = config;
        this.indexScratch = newIndexScratch(INITIAL_INDEX_SCRATCH_ENTRIES);
        this.durableNextOffset = segments.nextOffset();
    }

    /** See {@link PartitionLog#append}. */
    long append(ByteBuf messages, int count, long timestampUs) throws IOException {
        checkWritable();
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        long bytes = messages.readableBytes();
        try {
            Segment active = segments.active();
            if (active.isSealed() || active.messagesCount() > 0 && (active.sizeBytes() >= config.segmentSizeBytes()
                || active.sizeBytes() + bytes > MAX_SEGMENT_END_POSITION)) {
                roll();
            }
            if (segments.active().sizeBytes() + bytes > MAX_SEGMENT_END_POSITION) {
                throw new IllegalArgumentException("batch of " + bytes + " bytes exceeds a segment");
            }
            ensureIndexScratch(count);
            long baseOffset = segments.nextOffset();
            segments.active().append(messages, count, baseOffset, timestampUs, indexScratch);
            segments.onAppended(baseOffset + count, bytes);
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
        if (!segments.active().isSealed()) {
            segments.active().seal(config.enforceFsync());
            if (config.enforceFsync()) {
                durableNextOffset = segments.nextOffset();
            }
        }
        segments.startNext();
    }

    private void ensureIndexScratch(int count) {
        if (indexScratch.capacity() < count * SegmentIndex.ENTRY_LENGTH) {
            indexScratch = newIndexScratch(Math.max(count, indexScratch.capacity() / SegmentIndex.ENTRY_LENGTH * 2));
        }
    }

    private static ByteBuffer newIndexScratch(int entries) {
        return ByteBuffer.allocateDirect(entries * SegmentIndex.ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** See {@link PartitionLog#sync()}. */
    void sync() throws IOException {
        checkWritable();
        try {
            segments.force();
            durableNextOffset = segments.nextOffset();
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
        if (config.enforceFsync() && durableNextOffset < segments.nextOffset()) {
            segments.rollBackActiveTo(durableNextOffset);
        }
        markReadOnly("fsync failed: " + cause);
    }

    /**
     * Cuts the written messages from {@code offset} on (validated by the caller), durably; a failure leaves
     * the log read-only.
     */
    void cutFrom(long offset) throws IOException {
        try {
            segments.cutFrom(offset);
        } catch (IOException | RuntimeException e) {
            markReadOnly("truncation to offset " + offset + " failed: " + e);
            throw e;
        }
        segments.onTruncated(offset);
        durableNextOffset = Math.min(durableNextOffset, offset);
    }

    /** Starts again on the empty files of a purge: nothing to roll back, writable again. */
    void onPurged() {
        durableNextOffset = 0;
        readOnlyReason = null;
    }

    /** See {@link PartitionLog#markReadOnly}. */
    void markReadOnly(String reason) {
        if (readOnlyReason == null) {
            readOnlyReason = reason;
        }
    }

    boolean isReadOnly() {
        return readOnlyReason != null;
    }

    /** @throws ReadOnlyLogException if the log is read-only */
    void checkWritable() throws ReadOnlyLogException {
        if (readOnlyReason != null) {
            throw new ReadOnlyLogException("partition log " + segments.dir() + " is read-only after a storage "
                + "failure (" + readOnlyReason + "); restart the server to recover it");
        }
    }
}
