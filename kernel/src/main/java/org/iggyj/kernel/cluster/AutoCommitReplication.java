package org.iggyj.kernel.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.storage.ConsumerOffsetKind;

/**
 * Replicates polls' auto-commits without a Raft round trip in front of the poll's reply.
 *
 * <p>Design note. A poll with auto-commit stores the offset on the node that serves it, as on a
 * single node, and answers at once; the offset is then submitted to the log as an
 * {@link OffsetEntry}. Per offset (partition, kind, consumer) at most one entry is in flight: the
 * auto-commits that arrive meanwhile only raise the value to send, and when the entry in flight has
 * been applied here, the latest value (if newer) goes next. A consumer polling in a tight loop
 * therefore costs one entry per commit round trip, not one per poll. Every node, the receiving one
 * included, applies the entries in log order; the receiving node skips an entry whose value it has
 * already replaced locally by a newer auto-commit (the newer one follows in the log), so its own
 * offset never goes back while a consumer is polling.
 *
 * <p>The guarantee: the offset another node holds is one this node held, at most one commit round
 * trip (plus a poll) older. A consumer that fails over re-reads at most what it polled during that
 * window (at-least-once); it never skips a message it has not polled, because no node ever holds an
 * offset beyond what a poll returned. A submission that fails (no leader within
 * {@code request_timeout}) is not retried by itself: the next auto-commit of that offset sends the
 * latest value.
 *
 * <p>Thread-safe: {@link #committed} runs on partition owner shards, completions on the applier's
 * threads.
 */
final class AutoCommitReplication implements OffsetChanges.AutoCommitListener {

    private final Map<OffsetChanges.Target, Slot> slots = new ConcurrentHashMap<>();
    private final ClusterWrites writes;

    /** One offset's replication state. Guarded by itself. */
    private static final class Slot {
        private long latest;
        private boolean inFlight;
    }

    AutoCommitReplication(ClusterWrites writes) {
        this.writes = writes;
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
        send(target, slot, offset);
    }

    private void send(OffsetChanges.Target target, Slot slot, long offset) {
        writes.submitOffset(target, OffsetChanges.Op.AUTO_COMMIT, offset).whenComplete((reply, failure) -> {
            if (reply != null) {
                reply.release();
            }
            long next;
            synchronized (slot) {
                if (failure != null || slot.latest == offset) {
                    slot.inFlight = false;
                    return;
                }
                next = slot.latest;
            }
            send(target, slot, next);
        });
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
}
