package org.iggyj.kernel.partition;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.metrics.FsyncMeter;
import org.iggyj.kernel.shard.Shard;
import org.iggyj.kernel.storage.ConsumerOffsets;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.StorageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition at run time: its log and consumer offsets, owned by one shard.
 *
 * <p>Thread confinement: everything must run on {@link #owner()} except the identity getters,
 * {@link #stats()} (published through volatile fields after each change, so any thread reads a
 * consistent-enough recent value without a lock) and {@link SegmentRetention#floor(long)}.
 *
 * <p>With {@code enforce_fsync} an append's acknowledgement waits in {@link GroupCommit}, so it is
 * only ever sent for bytes that are on disk.
 *
 * <p>Storage faults ({@link WriteFailures}): a send is admitted against the data directory's free space
 * first; a failed write is rolled back; a failed fsync or a write error other than a full disk turns
 * the partition read-only. Reads, retention, purge and deletion work in every state.
 *
 * <p>Design note: this class is the partition's identity, its life cycle (open, purge, sync, close,
 * delete) and its appends. Each other concern is a part a caller asks for, so a caller sees only the
 * methods of its concern: polls read through the {@link #reader()}, offset commands use
 * {@link #consumerOffsets()}, retention and delete_segments {@link #retention()}, a replicated log its
 * {@link #writeAhead()} (docs/cluster.md, "Message bytes and the Raft log"), and listings and meters
 * the read-only {@link #stats()}. Storing batches is a {@link BatchAppender}. The parts are built with
 * the partition and handed its files when it opens, so a call through one costs a field load.
 */
public final class Partition {

    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);

    private final long streamId;
    private final long topicId;
    private final long id;
    private final long createdAtUs;
    private final Shard owner;
    private final Path dir;
    private final StorageConfig storage;
    private final MicrosClock clock;
    private final DeduplicationConfig deduplication;
    /** stream/topic/partition for messages; built once, as every auto-commit passes it along. */
    private final String name;
    private final OffsetWaiters waiters;
    private final PublishedStats stats = new PublishedStats();
    private final BatchAppender appender;
    private final SegmentRetention retention;
    private final PartitionReader reader;
    private final PartitionOffsets consumerOffsets;
    private final WriteAhead writeAhead;

    private PartitionLog log;
    private ConsumerOffsets offsets;

    /**
     * Creates the handle; {@link #open()} must then run on the owner before any other call.
     *
     * @param key         stream, topic and partition ids
     * @param createdAtUs creation time
     * @param owner       the owning shard
     * @param dir         the partition directory
     * @param settings    storage, clock and deduplication settings
     */
    public Partition(PartitionKey key, long createdAtUs, Shard owner, Path dir, PartitionSettings settings) {
        StorageConfig storage = settings.storage();
        this.deduplication = settings.deduplication();
        this.streamId = key.streamId();
        this.topicId = key.topicId();
        this.id = key.partitionId();
        this.name = streamId + "/" + topicId + "/" + id;
        this.createdAtUs = createdAtUs;
        this.owner = owner;
        this.dir = dir;
        this.storage = storage;
        this.clock = settings.clock();
        this.waiters = new OffsetWaiters(owner);
        GroupCommit groupCommit = new GroupCommit(owner, () -> log.sync(), this::onSyncFailed);
        this.appender = new BatchAppender(name, storage, groupCommit, waiters, this::publish);
        this.retention = new SegmentRetention(name, storage.io().space(), this::publish);
        this.reader = new PartitionReader(name);
        this.consumerOffsets = new PartitionOffsets(name);
        this.writeAhead = new WriteAhead(name, appender, waiters, this::publish);
    }

    /**
     * Opens or recovers the log and offsets. Owner thread only.
     *
     * @throws UncheckedIOException when the files cannot be opened
     */
    public void open() {
        try {
            log = PartitionLog.open(dir, storage);
            offsets = ConsumerOffsets.open(dir, log.currentOffset());
            appender.onOpened(log, deduplication.enabled() ? new MessageDeduplicator(deduplication) : null);
            retention.onOpened(log, offsets);
            reader.onOpened(log);
            consumerOffsets.onOpened(offsets);
            writeAhead.onOpened(log);
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open partition " + name, e);
        }
    }

    /**
     * Appends a validated batch; stamps offsets, timestamp, ids and checksums in place. Owner
     * thread only. Does not release {@code messages}.
     *
     * @param messages the messages area of a send request
     * @param count    number of messages in it
     * @param ack      completed once the batch is as durable as the configuration asks
     */
    public void append(ByteBuf messages, int count, CompletableFuture<Void> ack) {
        append(messages, count, clock.nowUs(), ack);
    }

    /**
     * As {@link #append(ByteBuf, int, CompletableFuture)}, stamped with a given time (raised to the
     * partition's last timestamp, so timestamps never go back). Owner thread only.
     *
     * @param messages the messages area of a send request
     * @param count    number of messages in it
     * @param nowUs    the append time, µs since the epoch
     * @param ack      completed once the batch is as durable as the configuration asks
     */
    public void append(ByteBuf messages, int count, long nowUs, CompletableFuture<Void> ack) {
        appender.append(messages, count, nowUs, ack);
    }

    private RuntimeException onSyncFailed(IOException cause) {
        RuntimeException failure = WriteFailures.onSyncFailed(log, cause, name);
        publish();
        return failure;
    }

    /** @return the offset the next appended message gets (0 for a new partition). Owner thread only. */
    public long nextOffset() {
        return log.nextOffset();
    }

    /** Deletes every message and consumer offset; offsets restart at 0. Owner thread only. */
    public void purge() {
        try {
            log.purge();
            offsets.clear();
            publish();
            storage.io().space().onSpaceFreed();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot purge partition " + name, e);
        }
    }

    /** Makes everything appended so far durable. Owner thread only. */
    public void sync() {
        try {
            long start = System.nanoTime();
            log.sync();
            FsyncMeter.record(start);
        } catch (IOException e) {
            throw onSyncFailed(e);
        }
    }

    /** Flushes and closes the files. Owner thread only; idempotent. */
    public void close() {
        waiters.releaseAll();
        if (log != null) {
            try {
                if (!log.isReadOnly()) {
                    log.sync();
                }
            } catch (IOException e) {
                LOG.warn("Final sync of partition {} failed", name, e);
            }
            if (offsets != null) {
                offsets.persistPending(name);
                offsets.close();
            }
            log.close();
        }
    }

    /** Closes and deletes the partition's directory. Owner thread only. */
    public void delete() {
        waiters.releaseAll();
        if (offsets != null) {
            offsets.close();
        }
        try {
            if (log != null) {
                log.delete();
                storage.io().space().onSpaceFreed();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete partition " + name, e);
        }
    }

    private void publish() {
        stats.publish(log, log.readableNextOffset());
    }

    /** @return what polls read; owner thread only, once open */
    public PartitionReader reader() {
        return reader;
    }

    /** @return the consumer and group offsets stored here; owner thread only, once open */
    public PartitionOffsets consumerOffsets() {
        return consumerOffsets;
    }

    /** @return which old segments may go and their deletion; owner thread only, except its floor */
    public SegmentRetention retention() {
        return retention;
    }

    /** @return the writes ahead of publication a replicated log makes; owner thread only, once open */
    public WriteAhead writeAhead() {
        return writeAhead;
    }

    /** @return the statistics as last published; any thread */
    public PartitionStats stats() {
        return stats;
    }

    /** @return the long-poll waits on this partition; owner thread only */
    public OffsetWaiters waiters() {
        return waiters;
    }

    /** @return the partition id, 0-based */
    public long id() {
        return id;
    }

    /** @return the stream id */
    public long streamId() {
        return streamId;
    }

    /** @return the topic id */
    public long topicId() {
        return topicId;
    }

    /** @return creation time in microseconds */
    public long createdAtUs() {
        return createdAtUs;
    }

    /** @return the owning shard */
    public Shard owner() {
        return owner;
    }
}
