package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.PartitionsChange;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.request.TopicRef;
import org.iggyj.protocol.request.UpdateTopic;
import org.iggyj.spi.Reply;

/**
 * Topic and partition commands: get, list, create, update, delete, purge; create and delete
 * partitions.
 */
final class TopicCommands {

    private final MetadataWriter metadata;
    private final ByteBufAllocator alloc;
    private final Guard guard;

    TopicCommands(MetadataWriter metadata, ByteBufAllocator alloc, Guard guard) {
        this.metadata = metadata;
        this.alloc = alloc;
        this.guard = guard;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.GET_TOPIC, TopicRef::decode, this::get);
        d.register(CommandCode.GET_TOPICS, StreamRef::decode, this::list);
        d.register(CommandCode.CREATE_TOPIC, CreateTopic::decode, this::create);
        d.register(CommandCode.UPDATE_TOPIC, UpdateTopic::decode, (s, r) -> metadata.mutate(() -> {
            guard.topic(metadata.current(), s, Operation.MANAGE_TOPIC, r.streamId(), r.topicId());
            metadata.updateTopic(r.streamId(), r.topicId(), new TopicSettings(r.compression(), r.messageExpiry(),
                    r.maxTopicSize(), r.replicationFactor(), r.name()));
            return Reply.ok();
        }));
        d.register(CommandCode.DELETE_TOPIC, TopicRef::decode, (s, r) -> metadata.mutate(() -> {
            guard.topic(metadata.current(), s, Operation.MANAGE_TOPIC, r.streamId(), r.topicId());
            metadata.deleteTopic(r.streamId(), r.topicId());
            return Reply.ok();
        }));
        d.register(CommandCode.PURGE_TOPIC, TopicRef::decode, (s, r) -> metadata.mutate(() -> {
            guard.topic(metadata.current(), s, Operation.MANAGE_TOPIC, r.streamId(), r.topicId());
            metadata.purgeTopic(r.streamId(), r.topicId());
            return Reply.ok();
        }));
        d.register(CommandCode.CREATE_PARTITIONS, PartitionsChange::decode, (s, r) -> metadata.mutate(() -> {
            guard.topic(metadata.current(), s, Operation.MANAGE_TOPIC, r.streamId(), r.topicId());
            metadata.createPartitions(r.streamId(), r.topicId(), r.count());
            return Reply.ok();
        }));
        d.register(CommandCode.DELETE_PARTITIONS, PartitionsChange::decode, (s, r) -> metadata.mutate(() -> {
            guard.topic(metadata.current(), s, Operation.MANAGE_TOPIC, r.streamId(), r.topicId());
            metadata.deletePartitions(r.streamId(), r.topicId(), r.count());
            return Reply.ok();
        }));
    }

    private CompletionStage<Reply> get(ClientSession session, TopicRef request) {
        var md = metadata.current();
        guard.topic(md, session, Operation.READ_TOPIC, request.streamId(), request.topicId());
        StreamMeta stream = md.stream(request.streamId());
        TopicMeta topic = stream == null ? null : stream.topic(request.topicId());
        if (topic == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc, out -> MetadataRecords.topicDetails(out, topic)));
    }

    private CompletionStage<Reply> list(ClientSession session, StreamRef request) {
        var md = metadata.current();
        guard.stream(md, session, Operation.LIST_TOPICS, request.streamId());
        StreamMeta stream = md.stream(request.streamId());
        if (stream == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc,
                out -> stream.topics().values().forEach(t -> MetadataRecords.topic(out, t))));
    }

    private CompletionStage<Reply> create(ClientSession session, CreateTopic r) {
        TopicSettings settings = new TopicSettings(r.compression(), r.messageExpiry(), r.maxTopicSize(),
                r.replicationFactor(), r.name());
        return metadata.mutate(() -> {
            guard.stream(metadata.current(), session, Operation.CREATE_TOPIC, r.streamId());
            TopicMeta topic = metadata.createTopic(r.streamId(), r.partitionsCount(), settings);
            return Replies.write(alloc, out -> MetadataRecords.topicDetails(out, topic));
        });
    }
}
