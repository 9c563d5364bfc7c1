package org.iggyj.kernel.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.spi.Reply;

/**
 * Consumer-offset changes split into "which offset" and "change it", so clustering can decide the
 * first on the node that knows the answer and replicate only the second.
 *
 * <p>A consumer group member's offset commands name no partition of their own: the partition is the
 * member's, and membership is known only to the node the member is connected to. That node
 * {@link #resolve resolves} the command to a {@link Target} (numeric stream, topic and partition
 * ids, offset kind and key); every node then {@link #apply applies} the change to that target, with
 * the same checks as on a single node. A poll's auto-commit is reported to an
 * {@link AutoCommitListener} after it took effect here, so clustering can replicate it without
 * delaying the poll's reply.
 *
 * <p>Thread-safe.
 */
public final class OffsetChanges {

    /** What an applied change does. The order is part of the replicated entry: only append. */
    public enum Op {
        /** store_consumer_offset: durable, refused beyond the partition's last offset. */
        STORE,
        /** delete_consumer_offset: refused when nothing is stored. */
        DELETE,
        /** A poll's auto-commit: stored as the poll did it, ignored beyond the partition's last offset. */
        AUTO_COMMIT
    }

    /**
     * The offset a change acts on.
     *
     * @param streamId    numeric stream id
     * @param topicId     numeric topic id
     * @param partitionId partition id
     * @param kind        a regular consumer's or a group's offset
     * @param key         the consumer key or the group id
     */
    public record Target(long streamId, long topicId, long partitionId, ConsumerOffsetKind kind, long key) {

        /**
         * @param partition the partition
         * @param kind      the offset's kind
         * @param key       the consumer key or group id
         * @return the target of that partition's offset
         */
        public static Target of(Partition partition, ConsumerOffsetKind kind, long key) {
            return new Target(partition.streamId(), partition.topicId(), partition.id(), kind, key);
        }
    }

    /** Told of every auto-commit, on the partition's owner shard, after it took effect locally. */
    @FunctionalInterface
    public interface AutoCommitListener {

        /**
         * @param partition the partition (its owner shard is the calling thread)
         * @param kind      a regular consumer's or a group's offset
         * @param key       the consumer key or group id
         * @param offset    the offset stored
         */
        void committed(Partition partition, ConsumerOffsetKind kind, long key, long offset);
    }

    private final MetadataWriter metadata;
    private final ConsumerOffsetCommands offsets;
    private volatile AutoCommitListener listener;

    OffsetChanges(MetadataWriter metadata, ConsumerOffsetCommands offsets) {
        this.metadata = metadata;
        this.offsets = offsets;
    }

    /**
     * Resolves a store or delete of an offset as this node sees it, with the checks a single node
     * makes first (permission, topic, group, membership, the member's partition).
     *
     * @param session the client's session
     * @param request a decoded {@link StoreConsumerOffset} or {@link ConsumerOffsetRef}
     * @return the offset it changes
     * @throws IggyException the command's error
     */
    public Target resolve(ClientSession session, Object request) {
        ConsumerOffsetCommands.Target t;
        if (request instanceof StoreConsumerOffset r) {
            t = offsets.resolve(session, r.consumer(), r.streamId(), r.topicId(), r.hasPartition(), r.partitionId());
        } else if (request instanceof ConsumerOffsetRef r) {
            t = offsets.resolve(session, r.consumer(), r.streamId(), r.topicId(), r.hasPartition(), r.partitionId());
        } else {
            throw new IllegalArgumentException("not an offset change: " + request.getClass().getSimpleName());
        }
        return Target.of(t.partition(), t.kind(), t.key());
    }

    /**
     * Applies a resolved change on the target partition's owner shard, queued behind the sends
     * already there.
     *
     * @param target what to change
     * @param op     how
     * @param offset the offset to store (ignored by {@link Op#DELETE})
     * @param onOwner runs on the owner shard right before an {@link Op#AUTO_COMMIT} is stored and
     *                decides whether it is (null: always)
     * @return the reply the command gets; an error reply when the target or offset no longer exists
     */
    public CompletionStage<Reply> apply(Target target, Op op, long offset, BooleanSupplier onOwner) {
        Partition partition = partitionOf(metadata.current(), target);
        if (partition == null) {
            return CompletableFuture.completedFuture(Reply.error(op == Op.DELETE
                    ? ErrorCode.CONSUMER_OFFSET_NOT_FOUND.code() : ErrorCode.RESOURCE_NOT_FOUND.code()));
        }
        return partition.owner().submit(() -> {
            try {
                switch (op) {
                    case STORE:
                        return ConsumerOffsetCommands.storeOn(partition, target.kind(), target.key(), offset);
                    case DELETE:
                        return ConsumerOffsetCommands.deleteOn(partition, target.kind(), target.key());
                    default:
                        if (!partition.reader().isEmpty() && Long.compareUnsigned(offset, partition.reader().currentOffset()) <= 0
                                && (onOwner == null || onOwner.getAsBoolean())) {
                            partition.consumerOffsets().store(target.kind(), target.key(), offset);
                        }
                        return Reply.ok();
                }
            } catch (IggyException e) {
                return Reply.error(e.errorCode().code());
            }
        });
    }

    private static Partition partitionOf(Metadata md, Target target) {
        StreamMeta stream = md.streams().get(target.streamId());
        TopicMeta topic = stream == null ? null : stream.topics().get(target.topicId());
        if (topic == null || target.partitionId() < 0 || target.partitionId() >= topic.partitions().size()) {
            return null;
        }
        return topic.partitions().get((int) target.partitionId());
    }

    /**
     * @param autoCommits told of every auto-commit from now on; null stops telling
     */
    public void onAutoCommit(AutoCommitListener autoCommits) {
        this.listener = autoCommits;
    }

    /** Called by a poll on the owner shard after it auto-committed. */
    void autoCommitted(Partition partition, ConsumerOffsetKind kind, long key, long offset) {
        AutoCommitListener l = listener;
        if (l != null) {
            l.committed(partition, kind, key, offset);
        }
    }
}
