package org.iggyj.kernel.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.protocol.CommandCode;
import org.iggyj.spi.Reply;

/**
 * Replicates polls' auto-commits without a Raft round trip in front of the poll's reply.
 *
 * <p>Design note. A poll with auto-commit stores the offset on the node that serves it, as on a
 * single node, and answers at once; the offset is then submitted to the log as an
 * {@link OffsetEntry}, from this class's own thread (submitting runs Ratis code on the caller's
 * thread, which must not be the shard serving polls). Per offset (partition, kind, consumer) at
 * most one entry is in flight, and two entries of one offset are at least {@link #INTERVAL_MS}
 * apart: the auto-commits that arrive meanwhile only raise the value to send, and the newest goes
 * next. A consumer polling in a tight loop therefore costs at most one small entry per interval
 * (each one logged, fsynced and applied on every node), not one per poll. Every node, the
 * receiving one included, applies the entries in log order; the receiving node skips an entry
 * whose value it has already replaced locally by a newer auto-commit (the newer one follows in the
 * log), so its own offset never goes back while a consumer is polling.
 *
 * <p>An explicit store or delete of the same offset made on this node (a client's command) goes
 * through {@link #explicit} and is logged after every auto-commit submitted before it, and an
 * auto-commit not yet submitted when it arrives is dropped: without that, an auto-commit sent from
 * this class's thread could reach the log after the command and put back an older offset on every
 * node. Per offset the entries therefore reach the log in the order this node made the changes.
 *
 * <p>The guarantee: the offset another node holds is one this node held, at most one interval
 * plus one commit round trip older. A consumer that fails over re-reads at most what it polled
 * during that window (at-least-once); it never skips a message it has not polled, because no node
 * ever holds an offset beyond what a poll returned. A submission that fails (no leader within
 * {@code request_timeout}) is not retried by itself: the next auto-commit of that offset sends the
 * latest value.
 *
 * <p>Thread-safe: {@link #committed} runs on partition owner shards, sends on the scheduler's
 * thread, completions on the applier's threads.
 */
final class AutoCommitReplication implements OffsetChanges.AutoCommitListener, AutoCloseable {

    /**
     * Least time between two entries of one offset. Each entry costs the three nodes milliseconds of
     * CPU (logged, fsynced, sent, applied): at 100 ms a group consumer polling four partitions as
     * fast as it can ran at 0.44x of a cluster without this replication (docs/cluster.md), at 1 s
     * near its speed. Kafka's consumers auto-commit every 5 s by default.
     */
    static final long INTERVAL_MS = 1000;

    /** An explicit store or delete came after the last auto-commit: nothing left to send. */
    private static final long SUPERSEDED = Long.MIN_VALUE;

    /** Runs a task after a delay. */
    @FunctionalInterface
    interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final Map<OffsetChanges.Target, Slot> slots = new ConcurrentHashMap<>();
    private final ClusterWrites writes;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService executor;

    /** One offset's replication state. Guarded by itself. */
    private static final class Slot {
        /** The newest auto-commit not yet logged, or {@link #SUPERSEDED}. */
        private long latest;
        /** Completes when the last submission of this offset is applied here; null when none is pending. */
        private CompletableFuture<?> tail;
        private boolean inFlight;
        private long lastSentNanos;
        private boolean everSent;
    }

    /** With its own daemon thread, closed by {@link #close}. */
    AutoCommitReplication(ClusterWrites writes) {
        this(writes, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iggy-auto-commit-replication");
            t.setDaemon(true);
            return t;
        }));
    }

    private AutoCommitReplication(ClusterWrites writes, ScheduledExecutorService executor) {
        this(writes, (task, delay) -> executor.schedule(task, delay, TimeUnit.NANOSECONDS), System::nanoTime,
                executor);
    }

    /**
     * @param writes    submits the entries
     * @param scheduler runs the sends
     * @param nanoClock monotonic time
     * @param executor  closed with this; may be null
     */
    AutoCommitReplication(ClusterWrites writes, Scheduler scheduler, LongSupplier nanoClock,
                          ScheduledExecutorService executor) {
        this.writes = writes;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.executor = executor;
    }

    @Override
    public void committed(Partition partition, ConsumerOffsetKind kind, long key, long offset) {
        committed(OffsetChanges.Target.of(partition, kind, key), offset);
    }

    /**
     * @param target the offset auto-committed here
     * @param offset its new value
     */
    void committed(OffsetChanges.Target target, long offset) {
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        synchronized (slot) {
            slot.latest = offset;
            if (slot.inFlight) {
                return;
            }
            slot.inFlight = true;
        }
        scheduleSend(target, slot);
    }

    private void scheduleSend(OffsetChanges.Target target, Slot slot) {
        long delay;
        synchronized (slot) {
            long due = slot.lastSentNanos + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
            delay = slot.everSent ? Math.max(0, due - nanoClock.getAsLong()) : 0;
        }
        try {
            scheduler.schedule(() -> send(target, slot), delay);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping: nothing more is replicated.
            synchronized (slot) {
                slot.inFlight = false;
            }
        }
    }

    private void send(OffsetChanges.Target target, Slot slot) {
        long offset;
        CompletableFuture<Reply> mine = new CompletableFuture<>();
        CompletableFuture<?> before;
        synchronized (slot) {
            offset = slot.latest;
            if (offset == SUPERSEDED) {
                slot.inFlight = false;
                return;
            }
            slot.lastSentNanos = nanoClock.getAsLong();
            slot.everSent = true;
            before = slot.tail;
            slot.tail = mine;
        }
        after(before, () -> writes.submitOffset(target, OffsetChanges.Op.AUTO_COMMIT, offset), slot, mine);
        mine.whenComplete((reply, failure) -> {
            if (reply != null) {
                reply.release();
            }
            synchronized (slot) {
                if (failure != null || slot.latest == offset || slot.latest == SUPERSEDED) {
                    slot.inFlight = false;
                    return;
                }
            }
            scheduleSend(target, slot);
        });
    }

    /**
     * Submits a client's store or delete of an offset after the auto-commits of that offset already
     * submitted here, and drops the one waiting to be sent.
     *
     * @param target the offset
     * @param submit submits the command's entry
     * @return the reply of this node's apply of it
     */
    CompletableFuture<Reply> explicit(OffsetChanges.Target target, Supplier<CompletableFuture<Reply>> submit) {
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        CompletableFuture<Reply> mine = new CompletableFuture<>();
        CompletableFuture<?> before;
        synchronized (slot) {
            slot.latest = SUPERSEDED;
            before = slot.tail;
            slot.tail = mine;
        }
        after(before, submit, slot, mine);
        return mine;
    }

    /**
     * Runs {@code submit} once {@code before} (if any) completed, into {@code result}. A submission
     * that waited runs on the scheduler's thread, not on the thread that completed {@code before}:
     * that is the owner shard applying the previous entry, and submitting runs Ratis code.
     */
    private void after(CompletableFuture<?> before, Supplier<CompletableFuture<Reply>> submit, Slot slot,
                       CompletableFuture<Reply> result) {
        if (before == null || before.isDone()) {
            submitInto(submit, slot, result);
            return;
        }
        before.whenComplete((r, t) -> {
            try {
                scheduler.schedule(() -> submitInto(submit, slot, result), 0);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                result.completeExceptionally(e);
            }
        });
    }

    private static void submitInto(Supplier<CompletableFuture<Reply>> submit, Slot slot,
                                   CompletableFuture<Reply> result) {
        submit.get().whenComplete((reply, failure) -> {
            synchronized (slot) {
                if (slot.tail == result) {
                    slot.tail = null;
                }
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(reply);
            }
        });
    }

    /**
     * Frees the slots of offsets whose partition, topic, stream or consumer group a just-applied
     * entry deleted: without this every offset ever auto-committed kept its slot for the life of the
     * process. An auto-commit racing with the delete may leave a slot behind; the next delete frees it.
     *
     * @param code    the command code of the entry applied, on the applier's thread
     * @param current the metadata after it
     */
    void afterApplied(int code, Metadata current) {
        if (code == CommandCode.DELETE_STREAM || code == CommandCode.DELETE_TOPIC
                || code == CommandCode.DELETE_PARTITIONS || code == CommandCode.DELETE_CONSUMER_GROUP) {
            retainExisting(current);
        }
    }

    /**
     * Frees the slots of offsets that no longer exist (also after a snapshot replaced the state).
     *
     * @param current the metadata now
     */
    void retainExisting(Metadata current) {
        slots.keySet().removeIf(target -> !exists(target, current));
    }

    private static boolean exists(OffsetChanges.Target target, Metadata md) {
        StreamMeta stream = md.streams().get(target.streamId());
        TopicMeta topic = stream == null ? null : stream.topics().get(target.topicId());
        if (topic == null || target.partitionId() < 0 || target.partitionId() >= topic.partitions().size()) {
            return false;
        }
        return target.kind() != ConsumerOffsetKind.GROUP || topic.consumerGroups().containsKey(target.key());
    }

    /** @return how many offsets have replication state here */
    int slotCount() {
        return slots.size();
    }

    /**
     * On the partition's owner shard, while this node applies its own auto-commit entry.
     *
     * @param target the offset
     * @param offset the value in the entry
     * @return whether it is still the latest value auto-committed here (else a newer entry follows)
     */
    boolean isLatest(OffsetChanges.Target target, long offset) {
        Slot slot = slots.get(target);
        if (slot == null) {
            return true;
        }
        synchronized (slot) {
            return slot.latest == offset;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
