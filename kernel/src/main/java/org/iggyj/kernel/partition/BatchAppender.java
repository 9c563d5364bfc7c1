package org.iggyj.kernel.partition;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.StorageConfig;

/**
 * Stores batches in a partition's log: admission (a read-only log, the data directory's free space), the
 * append time (never going back, across a restart too), deduplication by message id, what a failed write
 * costs ({@link WriteFailures}) and the acknowledgement the configuration asks for ({@link GroupCommit}
 * under {@code enforce_fsync}). For a replicated log it also writes ahead of publication at an offset its
 * leader fixed, and cuts an unpublished tail (docs/cluster.md, "Message bytes and the Raft log").
 *
 * <p>Confined to the partition's owner thread; no allocation per message (the batch is stamped in place).
 */
final class BatchAppender {

    /** Bytes of the {@code .index} entry each stored message adds. */
    private static final int INDEX_ENTRY_BYTES = 16;

    private final String partition;
    private final StorageConfig storage;
    private final GroupCommit groupCommit;
    private final OffsetWaiters waiters;
    /** Run after each change of the log: the partition publishes its statistics. */
    private final Runnable onChange;
    private PartitionLog log;
    private MessageDeduplicator deduplicator;
    private long lastTimestampUs;

    /**
     * @param partition   stream/topic/partition, for messages
     * @param storage     storage settings (fsync policy, free-space account)
     * @param groupCommit where acknowledgements wait for an fsync
     * @param waiters     the long polls woken by an append
     * @param onChange    run after each change of the log
     */
    BatchAppender(String partition, StorageConfig storage, GroupCommit groupCommit, OffsetWaiters waiters,
                  Runnable onChange) {
        this.partition = partition;
        this.storage = storage;
        this.groupCommit = groupCommit;
        this.waiters = waiters;
        this.onChange = onChange;
    }

    /** The partition's log once opened, and its deduplication (null when disabled). */
    void onOpened(PartitionLog openedLog, MessageDeduplicator openedDeduplicator) {
        this.log = openedLog;
        this.deduplicator = openedDeduplicator;
        // Timestamps never go back, across a restart too: in a cluster a restored node must stamp as the others do.
        this.lastTimestampUs = openedLog.lastTimestampUs();
    }

    /** See {@link Partition#append(ByteBuf, int, long, CompletableFuture)}. */
    void append(ByteBuf messages, int count, long nowUs, CompletableFuture<Void> ack) {
        long needed = messages.readableBytes() + (long) count * INDEX_ENTRY_BYTES;
        if (!admitted(needed, ack)) {
            return;
        }
        long now = Math.max(nowUs, lastTimestampUs);
        try {
            int kept = deduplicator == null ? count : deduplicator.filter(messages, count, now);
            if (kept == 0) {
                // Every message was a duplicate: 0.8 answers success and stores nothing.
                ack.complete(null);
                return;
            }
            log.append(messages, kept, now);
            lastTimestampUs = now;
            onChange.run();
            waiters.onAppended(log.readableNextOffset());
        } catch (IOException e) {
            forgetBatch();
            failWrite(e, needed, ack);
            return;
        } catch (RuntimeException e) {
            forgetBatch();
            ack.completeExceptionally(e);
            return;
        }
        if (!storage.enforceFsync()) {
            ack.complete(null);
            return;
        }
        groupCommit.acknowledgeAfterSync(ack);
    }

    /** See {@link WriteAhead#writeUnpublished}. */
    void writeAt(long baseOffset, ByteBuf messages, int count, long nowUs, CompletableFuture<Void> written) {
        long needed = messages.readableBytes() + (long) count * INDEX_ENTRY_BYTES;
        if (!admitted(needed, written)) {
            return;
        }
        try {
            if (baseOffset != log.nextOffset()) {
                if (baseOffset > log.nextOffset()) {
                    throw new IllegalArgumentException("partition " + partition + ": base offset " + baseOffset
                        + " leaves a gap after the written offsets (next " + log.nextOffset() + ")");
                }
                cutFrom(baseOffset);
            }
            long now = Math.max(nowUs, lastTimestampUs);
            log.append(messages, count, now);
            lastTimestampUs = now;
            onChange.run();
            written.complete(null);
        } catch (IOException e) {
            failWrite(e, needed, written);
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
    }

    /** See {@link WriteAhead#truncateUnpublished}. */
    void cutFrom(long offset) {
        try {
            log.truncateTo(offset);
            lastTimestampUs = log.lastTimestampUs();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate partition " + partition + " to offset " + offset, e);
        } finally {
            onChange.run();
        }
    }

    /** Refuses a write to a read-only log or one the free space cannot take; reserves the space otherwise. */
    private boolean admitted(long needed, CompletableFuture<Void> result) {
        if (log.isReadOnly()) {
            result.completeExceptionally(WriteFailures.readOnly(partition));
            return false;
        }
        if (!space().tryReserve(needed)) {
            result.completeExceptionally(WriteFailures.noSpace(partition));
            return false;
        }
        return true;
    }

    private void failWrite(IOException cause, long needed, CompletableFuture<Void> result) {
        RuntimeException failure = WriteFailures.onAppendFailed(log, space(), cause, needed, partition);
        onChange.run();
        result.completeExceptionally(failure);
    }

    /** Nothing of the batch was stored: its ids must not make its retry look like a duplicate. */
    private void forgetBatch() {
        if (deduplicator != null) {
            deduplicator.forgetLastBatch();
        }
    }

    private DiskSpace space() {
        return storage.io().space();
    }
}
