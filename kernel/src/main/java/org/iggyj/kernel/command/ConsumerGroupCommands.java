package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.ConsumerGroupMeta;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.CreateConsumerGroup;
import org.iggyj.protocol.request.TopicRef;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.Reply;

/**
 * Consumer-group commands 600–605: get, list, create, delete, join, leave. Every one needs the
 * read-topic permission, as in 0.8. Reads use the snapshot; changes run on the metadata shard.
 */
final class ConsumerGroupCommands {

    private final MetadataWriter metadata;
    private final ConsumerGroupWriter groups;
    private final ByteBufAllocator alloc;
    private final Guard guard;

    ConsumerGroupCommands(MetadataWriter metadata, ConsumerGroupWriter groups, ByteBufAllocator alloc, Guard guard) {
        this.metadata = metadata;
        this.groups = groups;
        this.alloc = alloc;
        this.guard = guard;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.GET_CONSUMER_GROUP, ConsumerGroupRef::decode, this::get);
        d.register(CommandCode.GET_CONSUMER_GROUPS, TopicRef::decode, this::list);
        d.register(CommandCode.CREATE_CONSUMER_GROUP, CreateConsumerGroup::decode, (s, r) -> metadata.mutate(() -> {
            check(s, r.streamId(), r.topicId());
            ConsumerGroupMeta group = groups.create(r.streamId(), r.topicId(), r.name());
            TopicMeta topic = PartitionResolver.topic(metadata.current(), r.streamId(), r.topicId());
            return Replies.write(alloc, out -> GroupRecords.group(out, topic, group));
        }));
        d.register(CommandCode.DELETE_CONSUMER_GROUP, ConsumerGroupRef::decode, (s, r) -> metadata.mutate(() -> {
            check(s, r.streamId(), r.topicId());
            groups.delete(r.streamId(), r.topicId(), r.groupId());
            return Reply.ok();
        }));
        d.register(CommandCode.JOIN_CONSUMER_GROUP, ConsumerGroupRef::decode, (s, r) -> metadata.mutate(() -> {
            check(s, r.streamId(), r.topicId());
            groups.join(r.streamId(), r.topicId(), r.groupId(), s);
            return Reply.ok();
        }));
        d.register(CommandCode.LEAVE_CONSUMER_GROUP, ConsumerGroupRef::decode, (s, r) -> metadata.mutate(() -> {
            check(s, r.streamId(), r.topicId());
            groups.leave(r.streamId(), r.topicId(), r.groupId(), s);
            return Reply.ok();
        }));
    }

    private void check(ClientSession session, Identifier streamId,
                       Identifier topicId) {
        guard.topic(metadata.current(), session, Operation.READ_TOPIC, streamId, topicId);
    }

    private CompletionStage<Reply> get(ClientSession session, ConsumerGroupRef r) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.READ_TOPIC, r.streamId(), r.topicId());
        TopicMeta topic = topicOrNull(md, r.streamId(), r.topicId());
        ConsumerGroupMeta group = topic == null ? null : topic.consumerGroup(r.groupId());
        if (group == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc, out -> GroupRecords.groupDetails(out, topic, group)));
    }

    private CompletionStage<Reply> list(ClientSession session, TopicRef r) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.READ_TOPIC, r.streamId(), r.topicId());
        TopicMeta topic = topicOrNull(md, r.streamId(), r.topicId());
        if (topic == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc,
                out -> topic.consumerGroups().values().forEach(g -> GroupRecords.group(out, topic, g))));
    }

    private static TopicMeta topicOrNull(Metadata md, Identifier streamId,
                                         Identifier topicId) {
        StreamMeta stream = md.stream(streamId);
        return stream == null ? null : stream.topic(topicId);
    }
}
