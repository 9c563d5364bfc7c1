package org.iggyj.kernel.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * The leader's numbering of sends as they enter the log (docs/cluster.md, "Message bytes and the Raft
 * log", point 1): each send's base offset and barrier are fixed in its header.
 *
 * <p>Design note: the base offset comes from {@code nextLogged}, the partition's end after every entry
 * logged so far in the leader's term; on a miss, the published end on the owner shard (when the leader
 * takes writes every earlier entry is applied). The barrier is the last partition-reshaping entry logged
 * or applied: a send logged while one is not applied yet is refused ({@link #NOT_READY}), since its
 * partition's end is not known before.
 *
 * <p>Threads: {@link #sequence} under the engine's log lock (leader only); {@link #onReshapeApplied} on
 * the apply thread, hence the volatile barrier.
 */
final class SendSequencer {

    /** Message of the refusal when the leader has a partition-reshaping entry not applied yet. */
    static final String NOT_READY = "iggyj-not-ready";

    private final SendPartitions partitions;
    private final LongSupplier appliedIndex;
    /** The highest index of a partition-reshaping entry logged (leader) or applied so far. */
    private volatile long lastBarrier = -1;
    /** Under the log lock: the term {@link #nextLogged} belongs to. */
    private long leaderTerm = -1;
    private final Map<Partition, long[]> nextLogged = new IdentityHashMap<>();

    /**
     * @param partitions   resolves a send's partition
     * @param appliedIndex the index of the last entry handed to the kernel's apply
     */
    SendSequencer(SendPartitions partitions, LongSupplier appliedIndex) {
        this.partitions = partitions;
        this.appliedIndex = appliedIndex;
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

    /** The apply thread applied a partition-reshaping entry at {@code index}. */
    void onReshapeApplied(long index) {
        if (index > lastBarrier) {
            lastBarrier = index;
        }
    }

    /**
     * Fixes the base offset and barrier of each send in {@code header}; notes a reshaping entry as the
     * new barrier; leaves any other entry alone.
     *
     * @throws IllegalStateException {@link #NOT_READY} while the last reshaping entry is not applied
     * @throws IggyException         when a single send's partition is gone
     */
    void sequence(long term, long index, ByteBuffer header) {
        boolean multi = MultiSendEntry.is(header);
        if (!multi && !SendEntry.is(header)) {
            if (isReshaping(header)) {
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

    private static boolean isReshaping(ByteBuffer header) {
        return header.remaining() >= ReplicatedEntry.HEADER_LENGTH
                && header.get(header.position()) == ReplicatedEntry.VERSION
                && reshapesPartitions(header.duplicate().order(ByteOrder.LITTLE_ENDIAN)
                        .getInt(header.position() + ReplicatedEntry.CODE_OFFSET));
    }

    /** @return false, leaving the header as it is, when the send's partition is gone */
    private boolean order(ByteBuffer header, long barrier) {
        SendEntry send = SendEntry.decode(header);
        Partition partition = partitions.find(send);
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
        return partition.owner().inShard() ? partition.writeAhead().publishedEnd()
                : partition.owner().submit(partition.writeAhead()::publishedEnd).join();
    }
}
