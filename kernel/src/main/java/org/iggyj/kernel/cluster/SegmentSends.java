package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.partition.PartitionKey;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.Reply;
import org.iggyj.spi.cluster.EntryData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message bytes written into the partitions' segments when the entry is logged, and published when
 * it is applied ({@code replication.message_bytes = "segments"}; docs/cluster.md, "Message bytes and
 * the Raft log", points 1-5).
 *
 * <p>Design note: the leader fixes each send's base offset in {@link #sequence} from {@code nextLogged},
 * the partition's end after every entry logged so far in its term (on a miss, the published end on the
 * owner shard: when the leader takes writes every earlier entry is applied). {@link #write} (every member,
 * log order) appends the bytes unpublished on the owner shard; when this member has not applied the
 * last partition-reshaping entry before the send yet (the header's barrier), or an earlier send of the
 * partition is staged, the bytes go to a staging file instead, fsynced at once, and {@link #apply} moves
 * them in. {@link #apply} publishes up to the send's end and answers the client. {@link #flush} fsyncs
 * every partition written since the last flush, whatever {@code enforce_fsync} says: a durable header
 * must never point at bytes that only reached the page cache.
 *
 * <p>Threads: {@code sequence} under the engine's log lock (leader only); {@code write} and
 * {@code truncate} under the same lock; {@code flush} on the log worker; {@code apply} on the apply
 * thread. Partition work runs on the owner shards, FIFO, so per partition in log order.
 */
final class SegmentSends implements EntryData {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSends.class);
    /** Message of the refusal when the leader has a partition-reshaping entry not applied yet. */
    static final String NOT_READY = "iggyj-not-ready";

    private final MetadataWriter metadata;
    private final ByteBufAllocator alloc;
    private final LongSupplier appliedIndex;
    private final ClusterWrites writes;
    private final TopicTraffic traffic;
    private final StagingFiles staging;
    /** The segment files kept across a restart, or null when none are (docs/cluster.md, point 8). */
    private final KeptSegments kept;
    /** Whether empty partitions get retention floor 0 ({@link RetentionFloors}). */
    private volatile boolean retentionFloors;
    /**
     * Seals what the shards store and opens what {@link #read} returns: the log and the staging files
     * carry the bytes as received, each member seals its own copy with its own nonces.
     */
    private volatile MessageCrypto crypto = MessageCrypto.NONE;

    /** The highest index of a partition-reshaping entry logged (leader) or applied so far. */
    private volatile long lastBarrier = -1;
    /** Leader only, under the log lock: the term {@link #nextLogged} belongs to. */
    private long leaderTerm = -1;
    private final Map<Partition, long[]> nextLogged = new IdentityHashMap<>();
    /** Entries written and not applied yet: what {@link #truncate} undoes. */
    private final ConcurrentNavigableMap<Long, Written> window = new ConcurrentSkipListMap<>();
    private final Set<Partition> dirty = ConcurrentHashMap.newKeySet();
    private final Map<PartitionKey, AtomicInteger> stagedPerPartition = new ConcurrentHashMap<>();

    private record Written(Partition partition, PartitionKey key, long base, boolean staged) {
    }

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
        this.kept = kept;
        this.metadata = metadata;
        this.alloc = alloc;
        this.appliedIndex = appliedIndex;
        this.writes = writes;
        this.traffic = traffic;
        this.staging = new StagingFiles(staging);
        if (kept != null) {
            recoverStaged();
        }
    }

    /** From now on a partition made empty by a reshape gets retention floor 0 ({@link RetentionFloors}). */
    void keepRetentionFloors() {
        this.retentionFloors = true;
    }

    /** @param crypto {@code [system.encryption]}, {@link MessageCrypto#NONE} when off */
    void sealWith(MessageCrypto crypto) {
        this.crypto = crypto;
    }

    /** @return whether applying {@code code} may create, delete or reset a partition */
    static boolean reshapesPartitions(int code) {
        switch (code) {
            case CommandCode.DELETE_STREAM:
            case CommandCode.PURGE_STREAM:
            case CommandCode.CREATE_TOPIC:
            case CommandCode.DELETE_TOPIC:
            case CommandCode.PURGE_TOPIC:
            case CommandCode.CREATE_PARTITIONS:
            case CommandCode.DELETE_PARTITIONS:
                return true;
            default:
                return false;
        }
    }

    /** The apply thread applied an entry of {@code code} at {@code index}. */
    void onApplied(long index, int code) {
        if (!reshapesPartitions(code)) {
            return;
        }
        if (index > lastBarrier) {
            lastBarrier = index;
        }
        if (kept != null) {
            markIncarnations(index);
        }
    }

    /**
     * After a reshaping entry: every empty partition is an incarnation named by this entry from now on
     * ({@link KeptSegments}); the segment files a previous run kept for that very incarnation are adopted.
     * Nothing is written in place into a partition before the reshape its send follows is applied (the
     * barrier), so an empty partition here has no message of a later send yet.
     */
    private void markIncarnations(long index) {
        List<CompletableFuture<Void>> marked = new ArrayList<>();
        for (StreamMeta s : metadata.current().streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    Path dir = kept.partitionDir(s.id(), t.id(), p.id());
                    marked.add(p.owner().submit(() -> {
                        markIfEmpty(index, p, dir);
                        return null;
                    }));
                }
            }
        }
        for (CompletableFuture<Void> m : marked) {
            try {
                m.join();
            } catch (RuntimeException e) {
                LOG.error("Cannot mark the incarnation of a partition at log entry {}", index, e);
            }
        }
    }

    /** On the owner shard. */
    private void markIfEmpty(long index, Partition p, Path dir) {
        if (p.nextOffset() != 0) {
            return;
        }
        if (retentionFloors) {
            p.retentionFloor(0);
        }
        KeptSegments.Incarnation incarnation = new KeptSegments.Incarnation(p.createdAtUs(), index);
        try {
            KeptSegments.mark(dir, incarnation);
            if (incarnation.equals(kept.keptIncarnation(dir))) {
                p.close();
                kept.adopt(dir);
                p.open();
                p.holdBackAt(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        boolean multi = MultiSendEntry.is(header);
        if (!multi && !SendEntry.is(header)) {
            if (header.remaining() >= ReplicatedEntry.HEADER_LENGTH
                    && header.get(header.position()) == ReplicatedEntry.VERSION
                    && reshapesPartitions(header.duplicate().order(ByteOrder.LITTLE_ENDIAN)
                            .getInt(header.position() + ReplicatedEntry.CODE_OFFSET))) {
                lastBarrier = index;
                // A purge restarts offsets at 0: the next send waits for the reshape to apply, then reads
                // the published end again.
                nextLogged.clear();
            }
            return;
        }
        if (term != leaderTerm) {
            nextLogged.clear();
            leaderTerm = term;
        }
        long barrier = lastBarrier;
        if (appliedIndex.getAsLong() < barrier) {
            throw new IllegalStateException(NOT_READY + ": entry " + barrier + " is not applied yet");
        }
        if (!multi) {
            if (!order(header, barrier)) {
                SendEntry send = SendEntry.decode(header);
                throw new IggyException(ErrorCode.PARTITION_NOT_FOUND, "partition " + send.partitionId()
                        + " of topic " + send.topicId() + " in stream " + send.streamId() + " is gone");
            }
            return;
        }
        for (int i = 0, n = MultiSendEntry.count(header); i < n; i++) {
            // A send whose partition is gone keeps base offset -1: refused alone, the others go on.
            order(MultiSendEntry.send(header, i), barrier);
        }
    }

    /** @return false, leaving the header as it is, when the send's partition is gone */
    private boolean order(ByteBuffer header, long barrier) {
        SendEntry send = SendEntry.decode(header);
        Partition partition = find(send);
        if (partition == null) {
            return false;
        }
        long[] next = nextLogged.get(partition);
        if (next == null) {
            next = new long[] {publishedEnd(partition)};
            nextLogged.put(partition, next);
        }
        SendEntry.order(header, next[0], barrier);
        next[0] += send.count();
        return true;
    }

    private static long publishedEnd(Partition partition) {
        return partition.owner().inShard() ? partition.publishedEnd()
                : partition.owner().submit(partition::publishedEnd).join();
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
            ByteBuffer bytes = data.duplicate().position(from).limit(from + length).slice();
            from += length;
            written[i] = send.baseOffset() < 0 ? CompletableFuture.completedFuture(null)
                    : writeOne(slot(index, i), send, bytes);
        }
        return CompletableFuture.allOf(written);
    }

    private CompletableFuture<Void> writeOne(long slot, SendEntry send, ByteBuffer data) {
        PartitionKey key = new PartitionKey(send.streamId(), send.topicId(), send.partitionId());
        Partition partition = appliedIndex.getAsLong() >= send.barrier() && !stagedPerPartition.containsKey(key)
                ? find(send) : null;
        if (partition == null) {
            return stage(slot, key, send, data);
        }
        window.put(slot, new Written(partition, key, send.baseOffset(), false));
        dirty.add(partition);
        ByteBuf copy = alloc.directBuffer(Math.max(1, data.remaining()));
        copy.writeBytes(data.duplicate());
        CompletableFuture<Void> written = new CompletableFuture<>();
        partition.owner().execute(() -> {
            ByteBuf stored = null;
            try {
                // Sealed on the owner shard, whose cipher it is; a pass-through when encryption is off.
                stored = crypto.seal(copy, send.count(), alloc);
                partition.holdBackUnpublished();
                partition.writeUnpublished(send.baseOffset(), stored, send.count(), send.timeUs(), written);
            } catch (RuntimeException e) {
                written.completeExceptionally(e);
            } finally {
                copy.release();
                if (stored != null) {
                    stored.release();
                }
            }
        });
        return written;
    }

    /** Keeps the bytes in a file of their own until apply moves them in (rare: right after a reshape). */
    private CompletableFuture<Void> stage(long slot, PartitionKey key, SendEntry send, ByteBuffer data) {
        try {
            staging.write(slot, key, data);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        stagedPerPartition.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        window.put(slot, new Written(null, key, send.baseOffset(), true));
        LOG.debug("Staged the bytes of entry {} ({} messages for {})", indexOf(slot), send.count(), key);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * After a restart: the entries staged before it and not applied yet are staged still (a replayed
     * entry carries no bytes, its staging file has them).
     */
    private void recoverStaged() {
        staging.recover((slot, key) -> {
            stagedPerPartition.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            window.put(slot, new Written(null, key, -1, true));
        });
    }

    private void unstage(long slot, PartitionKey key) {
        staging.delete(slot, key);
        stagedPerPartition.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
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
        Map<Long, Written> dropped = window.tailMap(slot(index, 0), true);
        Map<Partition, Long> cuts = new IdentityHashMap<>();
        for (Map.Entry<Long, Written> e : dropped.entrySet()) {
            Written w = e.getValue();
            if (w.staged()) {
                unstage(e.getKey(), w.key());
            } else {
                cuts.merge(w.partition(), w.base(), Math::min);
            }
        }
        dropped.clear();
        cuts.forEach((partition, base) -> partition.owner().execute(() -> {
            if (base < partition.nextOffset()) {
                partition.truncateUnpublished(base);
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
        Written written = window.get(slot);
        if (written != null && written.staged()) {
            try {
                return CompletableFuture.completedFuture(ByteBuffer.wrap(staging.read(slot, written.key())));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Partition partition = find(send);
        if (partition == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the partition of log entry " + index
                    + " is gone"));
        }
        return partition.owner().submit(() -> {
            ByteBuf stored = partition.readWritten(send.baseOffset(), send.count(), alloc);
            ByteBuf opened = null;
            try {
                // The follower seals its own copy: it is sent the bytes as the leader received them.
                opened = crypto.open(stored, send.count(), alloc);
                byte[] bytes = new byte[opened.readableBytes()];
                opened.readBytes(bytes);
                return ByteBuffer.wrap(bytes);
            } finally {
                stored.release();
                if (opened != null) {
                    opened.release();
                }
            }
        });
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
        dropStale(slot(index, 0));
        if (!MultiSendEntry.is(header)) {
            return applyOne(index, slot(index, 0), SendEntry.decode(header));
        }
        int n = MultiSendEntry.count(header);
        CompletableFuture<?>[] published = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            published[i] = applyOne(index, slot(index, i), SendEntry.decode(MultiSendEntry.send(header, i)));
        }
        return CompletableFuture.allOf(published);
    }

    /** Publishes one send (of a single or a multi-send entry) on its owner shard and answers its client. */
    private CompletableFuture<Void> applyOne(long index, long slot, SendEntry send) {
        Written written = window.remove(slot);
        Partition partition = send.baseOffset() < 0 ? null : find(send);
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        if (partition == null) {
            if (written != null && written.staged()) {
                unstage(slot, written.key());
            }
            reply.complete(Reply.error(ErrorCode.PARTITION_NOT_FOUND.code()));
        } else {
            partition.owner().execute(() -> reply.complete(publish(index, slot, partition, send, written)));
        }
        return reply.thenAccept(r -> {
            if (r.isOk()) {
                traffic.sent(send.streamId(), send.topicId(), send.count(), send.dataLength());
            }
            writes.onApplied(send.origin(), send.sequence(), r);
        });
    }

    /**
     * Entries below an applied one that are still staged were applied, or dropped, before a restart
     * that happened before their staging file was deleted.
     */
    private void dropStale(long slot) {
        Map.Entry<Long, Written> first;
        while ((first = window.firstEntry()) != null && first.getKey() < slot && first.getValue().staged()) {
            if (window.remove(first.getKey(), first.getValue())) {
                unstage(first.getKey(), first.getValue().key());
            }
        }
    }

    /** On the owner shard. */
    private Reply publish(long index, long slot, Partition partition, SendEntry send, Written written) {
        try {
            long end = send.baseOffset() + send.count();
            if (written != null && written.staged()) {
                moveIn(index, slot, partition, send);
                unstage(slot, written.key());
            }
            if (partition.nextOffset() < end) {
                throw new IllegalStateException("the messages of log entry " + index + " (offsets " + send.baseOffset()
                        + ".." + (end - 1) + ") are not in the partition (written up to " + partition.nextOffset() + ")");
            }
            partition.publishUpTo(end);
            return Reply.ok();
        } catch (RuntimeException e) {
            LOG.error("Cannot publish log entry {} in partition {}/{}/{}", index, send.streamId(), send.topicId(),
                    send.partitionId(), e);
            return Reply.error((e instanceof IggyException ie ? ie.errorCode() : ErrorCode.ERROR).code());
        }
    }

    private void moveIn(long index, long slot, Partition partition, SendEntry send) {
        ByteBuf bytes;
        PartitionKey key = new PartitionKey(send.streamId(), send.topicId(), send.partitionId());
        try (FileChannel file = staging.open(slot, key)) {
            int length = (int) file.size();
            bytes = alloc.directBuffer(Math.max(1, length));
            bytes.writeBytes(file, 0L, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged messages of log entry " + index, e);
        }
        ByteBuf stored = null;
        try {
            stored = crypto.seal(bytes, send.count(), alloc);
            CompletableFuture<Void> moved = new CompletableFuture<>();
            partition.holdBackUnpublished();
            partition.writeUnpublished(send.baseOffset(), stored, send.count(), send.timeUs(), moved);
            moved.join();
            partition.sync();
        } finally {
            bytes.release();
            if (stored != null) {
                stored.release();
            }
        }
    }

    private Partition find(SendEntry send) {
        StreamMeta stream = metadata.current().streams().get(send.streamId());
        TopicMeta topic = stream == null ? null : stream.topics().get(send.topicId());
        if (topic == null || send.partitionId() >= topic.partitions().size()) {
            return null;
        }
        Partition partition = topic.partitions().get((int) send.partitionId());
        return partition.createdAtUs() == send.createdAtUs() ? partition : null;
    }
}
