package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.ConsumerGroupMeta;
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
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.ConsumerKind;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.Reply;

/**
 * Server-side offsets of regular consumers and consumer groups: store, get, delete. An absent
 * partition id means partition 0 for a regular consumer and for reading a group's offset; a group
 * member storing or deleting acts on its own partition ({@link GroupConsumers}). Offsets are "last consumed"; storing beyond the partition's last offset fails.
 */
final class ConsumerOffsetCommands {

    private final MetadataWriter metadata;
    private final ByteBufAllocator alloc;
    private final Guard guard;

    ConsumerOffsetCommands(MetadataWriter metadata, ByteBufAllocator alloc, Guard guard) {
        this.metadata = metadata;
        this.alloc = alloc;
        this.guard = guard;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.STORE_CONSUMER_OFFSET, StoreConsumerOffset::decode, this::store);
        d.register(CommandCode.GET_CONSUMER_OFFSET, ConsumerOffsetRef::decode, this::get);
        d.register(CommandCode.DELETE_CONSUMER_OFFSET, ConsumerOffsetRef::decode, this::delete);
    }

    private CompletionStage<Reply> store(ClientSession session, StoreConsumerOffset r) {
        Target target = resolve(session, r.consumer(), r.streamId(), r.topicId(), r.hasPartition(), r.partitionId());
        Partition partition = target.partition();
        return partition.owner().submit(() -> storeOn(partition, target.kind(), target.key(), r.offset()));
    }

    /** store_consumer_offset's work on the partition's owner shard. */
    static Reply storeOn(Partition partition, ConsumerOffsetKind kind, long key, long offset) {
        if (partition.reader().isEmpty() || Long.compareUnsigned(offset, partition.reader().currentOffset()) > 0) {
            throw new IggyException(ErrorCode.INVALID_OFFSET,
                    "offset " + offset + " is beyond the partition's last offset");
        }
        partition.consumerOffsets().storeDurably(kind, key, offset);
        return Reply.ok();
    }

    /** delete_consumer_offset's work on the partition's owner shard. */
    static Reply deleteOn(Partition partition, ConsumerOffsetKind kind, long key) {
        if (!partition.consumerOffsets().delete(kind, key)) {
            throw new IggyException(ErrorCode.CONSUMER_OFFSET_NOT_FOUND, "no offset stored for this consumer");
        }
        return Reply.ok();
    }

    private CompletionStage<Reply> get(ClientSession session, ConsumerOffsetRef r) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.POLL_MESSAGES, r.streamId(), r.topicId());
        // Iggy 0.8 answers an empty success for anything it cannot find here, not an error.
        StreamMeta stream = md.stream(r.streamId());
        TopicMeta topic = stream == null ? null : stream.topic(r.topicId());
        long partitionId = r.hasPartition() ? r.partitionId() : 0;
        if (topic == null || partitionId >= topic.partitions().size()) {
            return Replies.ok();
        }
        ConsumerOffsetKind kind;
        long key;
        if (r.consumer().kind() == ConsumerKind.CONSUMER_GROUP) {
            // Reading a group's offset needs no membership.
            ConsumerGroupMeta group = topic.consumerGroup(r.consumer().id());
            if (group == null) {
                return Replies.ok();
            }
            kind = ConsumerOffsetKind.GROUP;
            key = group.id();
        } else {
            kind = ConsumerOffsetKind.CONSUMER;
            key = PartitionResolver.consumerKey(r.consumer());
        }
        Partition partition = topic.partitions().get((int) partitionId);
        return partition.owner().submit(() -> {
            OptionalLong stored = partition.consumerOffsets().stored(kind, key);
            if (stored.isEmpty()) {
                return Reply.ok();
            }
            long current = partition.reader().currentOffset();
            return Replies.write(alloc,
                    out -> ResponseWriter.consumerOffset(out, partition.id(), current, stored.getAsLong()));
        });
    }

    private CompletionStage<Reply> delete(ClientSession session, ConsumerOffsetRef r) {
        Target target = resolve(session, r.consumer(), r.streamId(), r.topicId(), r.hasPartition(), r.partitionId());
        Partition partition = target.partition();
        return partition.owner().submit(() -> deleteOn(partition, target.kind(), target.key()));
    }

    /** Where a store or delete acts: a partition and the offset entry in it. */
    record Target(Partition partition, ConsumerOffsetKind kind, long key) {
    }

    /**
     * Checks the poll permission and resolves the partition and offset key of a store or delete:
     * a regular consumer's partition (absent = 0), or a group member's own partition.
     */
    Target resolve(ClientSession session, Consumer consumer, Identifier streamId, Identifier topicId,
                           boolean hasPartition, long partitionId) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.POLL_MESSAGES, streamId, topicId);
        TopicMeta topic = PartitionResolver.topic(md, streamId, topicId);
        if (consumer.kind() == ConsumerKind.CONSUMER_GROUP) {
            GroupConsumers.Target member = GroupConsumers.forOffsetChange(topic, consumer, session, hasPartition,
                    partitionId);
            return new Target(member.partition(), ConsumerOffsetKind.GROUP, member.group().id());
        }
        Partition partition = PartitionResolver.partition(topic, hasPartition ? partitionId : 0);
        return new Target(partition, ConsumerOffsetKind.CONSUMER, PartitionResolver.consumerKey(consumer));
    }
}
