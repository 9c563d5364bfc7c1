package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.partition.PartitionKey;
import org.iggyj.spi.cluster.EntryData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message bytes written into the partitions' segments when the entry is logged, and published when
 * it is applied ({@code replication.message_bytes = "segments"}; docs/cluster.md, "Message bytes and
 * the Raft log", points 1-5).
 *
 * <p>Design note: the leader fixes each send's base offset and barrier ({@link SendSequencer}).
 * {@link #write} (every member, log order) appends the bytes unpublished on the owner shard
 * ({@link SealedPartitionBytes}); when this member has not applied the last partition-reshaping entry
 * before the send yet (the header's barrier), or an earlier send of the partition is staged, the bytes go
 * to a staging file instead, fsynced at once ({@link SendWindow}), and {@link #apply} moves them in.
 * {@link #apply} publishes up to the send's end and answers the client ({@link SendPublisher}).
 * {@link #flush} fsyncs every partition written since the last flush, whatever {@code enforce_fsync} says:
 * a durable header must never point at bytes that only reached the page cache. After a reshape, {@link PartitionIncarnations}
 * marks the empty partitions when segment files are kept across restarts.
 *
 * <p>Threads: {@code sequence} under the engine's log lock (leader only); {@code write} and
 * {@code truncate} under the same lock; {@code flush} on the log worker; {@code apply} on the apply
 * thread. Partition work runs on the owner shards, FIFO, so per partition in log order.
 */
final class SegmentSends implements EntryData {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSends.class);

    private final SendPartitions partitions;
    private final SendSequencer sequencer;
    private final SendWindow window;
    private final SealedPartitionBytes bytes;
    private final SendPublisher publisher;
    private final LongSupplier appliedIndex;
    /** Null when no segment files are kept across a restart (docs/cluster.md, point 8). */
    private final PartitionIncarnations incarnations;
    private final Set<Partition> dirty = ConcurrentHashMap.newKeySet();

    /**
     * @param metadata     the metadata (its current snapshot resolves partitions)
     * @param alloc        allocator for the copies handed to the shards
     * @param appliedIndex the index of the last entry handed to the kernel's apply
     * @param writes       told when a send submitted here has been applied
     * @param traffic      per-topic counters
     * @param staging      directory of the staging files (created when first needed)
     */
    SegmentSends(MetadataWriter metadata, ByteBufAllocator alloc, LongSupplier appliedIndex, ClusterWrites writes,
                 TopicTraffic traffic, Path staging) {
        this(metadata, alloc, appliedIndex, writes, traffic, staging, null);
    }

    /**
     * As above, marking partition incarnations and adopting the segment files kept across a restart.
     *
     * @param kept the kept segment files; null: no marks, no adoption
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    SegmentSends(MetadataWriter metadata, ByteBufAllocator alloc, LongSupplier appliedIndex, ClusterWrites writes,
                 TopicTraffic traffic, Path staging, KeptSegments kept) {
        this.partitions = new SendPartitions(metadata);
        this.sequencer = new SendSequencer(partitions, appliedIndex);
        this.window = new SendWindow(staging);
        this.bytes = new SealedPartitionBytes(alloc);
        this.publisher = new SendPublisher(partitions, window, bytes, writes, traffic);
        this.appliedIndex = appliedIndex;
        this.incarnations = kept == null ? null : new PartitionIncarnations(metadata, kept);
        if (kept != null) {
            window.recover();
        }
    }

    /** From now on a partition made empty by a reshape gets retention floor 0 ({@link RetentionFloors}). */
    void keepRetentionFloors() {
        if (incarnations != null) {
            incarnations.keepRetentionFloors();
        }
    }

    /** @param crypto {@code [system.encryption]}, {@link MessageCrypto#NONE} when off */
    void sealWith(MessageCrypto crypto) {
        bytes.sealWith(crypto);
    }

    /** The apply thread applied an entry of {@code code} at {@code index}. */
    void onApplied(long index, int code) {
        if (!SendSequencer.reshapesPartitions(code)) {
            return;
        }
        sequencer.onReshapeApplied(index);
        if (incarnations != null) {
            incarnations.onReshapeApplied(index);
        }
    }

    @Override
    public int headerLength(ByteBuffer entry) {
        if (MultiSendEntry.is(entry)) {
            int count = MultiSendEntry.count(entry);
            if (count < 1 || count > MultiSendEntry.MAX_SENDS
                    || entry.remaining() < MultiSendEntry.headerLength(count)) {
                throw new IllegalArgumentException("malformed multi-send entry of " + count + " sends");
            }
            return MultiSendEntry.headerLength(count);
        }
        return SendEntry.is(entry) ? SendEntry.HEADER_LENGTH : -1;
    }

    /**
     * A send's place in the window and the staging directory: its entry's index, times
     * {@link MultiSendEntry#MAX_SENDS}, plus its position in a multi-send (0 for a single send).
     */
    static long slot(long index, int send) {
        return index * MultiSendEntry.MAX_SENDS + send;
    }

    static long indexOf(long slot) {
        return slot / MultiSendEntry.MAX_SENDS;
    }

    @Override
    public void sequence(long term, long index, ByteBuffer header) {
        sequencer.sequence(term, index, header);
    }

    @Override
    public CompletableFuture<Void> write(long index, ByteBuffer header, ByteBuffer data) {
        if (!MultiSendEntry.is(header)) {
            return writeOne(slot(index, 0), SendEntry.decode(header), data);
        }
        int n = MultiSendEntry.count(header);
        CompletableFuture<?>[] written = new CompletableFuture<?>[n];
        int from = data.position();
        for (int i = 0; i < n; i++) {
            SendEntry send = SendEntry.decode(MultiSendEntry.send(header, i));
            int length = (int) send.dataLength();
            ByteBuffer part = data.duplicate().position(from).limit(from + length).slice();
            from += length;
            written[i] = send.baseOffset() < 0 ? CompletableFuture.completedFuture(null)
                    : writeOne(slot(index, i), send, part);
        }
        return CompletableFuture.allOf(written);
    }

    private CompletableFuture<Void> writeOne(long slot, SendEntry send, ByteBuffer data) {
        PartitionKey key = SendPartitions.keyOf(send);
        Partition partition = appliedIndex.getAsLong() >= send.barrier() && !window.hasStaged(key)
                ? partitions.find(send) : null;
        if (partition == null) {
            return stage(slot, key, send, data);
        }
        window.written(slot, partition, key, send.baseOffset());
        dirty.add(partition);
        return bytes.write(partition, send, data);
    }

    /** Rare: right after a reshape. */
    private CompletableFuture<Void> stage(long slot, PartitionKey key, SendEntry send, ByteBuffer data) {
        try {
            window.stage(slot, key, send.baseOffset(), data);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        LOG.debug("Staged the bytes of entry {} ({} messages for {})", indexOf(slot), send.count(), key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> flush(long index) {
        if (dirty.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        for (Partition partition : dirty) {
            dirty.remove(partition);
            syncs.add(partition.owner().submit(() -> {
                partition.sync();
                return null;
            }));
        }
        return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
    }

    @Override
    public void truncate(long index) {
        Map<Partition, Long> cuts = window.truncate(index);
        cuts.forEach((partition, base) -> partition.owner().execute(() -> {
            if (base < partition.nextOffset()) {
                partition.writeAhead().truncateUnpublished(base);
            }
        }));
        if (!cuts.isEmpty()) {
            LOG.info("Dropped the unpublished messages of log entries from {} on in {} partitions", index, cuts.size());
        }
    }

    /**
     * From the staging file when the entry's bytes are staged, else from the partition on its owner
     * shard; copied onto the heap, since the engine keeps the result for as long as it likes.
     */
    @Override
    public CompletableFuture<ByteBuffer> read(long index, ByteBuffer header) {
        if (!MultiSendEntry.is(header)) {
            return readOne(index, slot(index, 0), SendEntry.decode(header));
        }
        int n = MultiSendEntry.count(header);
        List<CompletableFuture<ByteBuffer>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SendEntry send = SendEntry.decode(MultiSendEntry.send(header, i));
            // A refused send's bytes were never stored: the members skip them, any filler of their length does.
            parts.add(send.baseOffset() < 0 ? CompletableFuture.completedFuture(ByteBuffer.allocate((int) send.dataLength()))
                    : readOne(index, slot(index, i), send));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            int length = 0;
            for (CompletableFuture<ByteBuffer> part : parts) {
                length += part.join().remaining();
            }
            ByteBuffer all = ByteBuffer.allocate(length);
            parts.forEach(part -> all.put(part.join()));
            return all.flip();
        });
    }

    private CompletableFuture<ByteBuffer> readOne(long index, long slot, SendEntry send) {
        SendWindow.Written written = window.get(slot);
        if (written != null && written.staged()) {
            try {
                return CompletableFuture.completedFuture(ByteBuffer.wrap(window.readStaged(slot, written.key())));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Partition partition = partitions.find(send);
        if (partition == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the partition of log entry " + index
                    + " is gone"));
        }
        return bytes.read(partition, send);
    }

    /**
     * Applies a send's header: moves its staged bytes in if any, publishes up to its end and answers
     * its client (if submitted here).
     *
     * @param index  the entry's index
     * @param header the logged header
     * @return completes once published
     */
    CompletableFuture<Void> apply(long index, ByteBuffer header) {
        return publisher.apply(index, header);
    }
}
