package org.iggyj.kernel.command;

import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.DeleteSegments;
import org.iggyj.spi.Reply;

/**
 * delete_segments: up to N of the oldest sealed segments of one partition, on its owner shard,
 * held back by the consumer barrier. Fewer deletions (even none) are not an error.
 */
final class SegmentCommands {

    private final MetadataWriter metadata;
    private final Guard guard;

    SegmentCommands(MetadataWriter metadata, Guard guard) {
        this.metadata = metadata;
        this.guard = guard;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.DELETE_SEGMENTS, DeleteSegments::decode, this::deleteSegments);
    }

    private CompletionStage<Reply> deleteSegments(ClientSession session, DeleteSegments request) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.MANAGE_TOPIC, request.streamId(), request.topicId());
        TopicMeta topic = PartitionResolver.topic(md, request.streamId(), request.topicId());
        Partition partition = PartitionResolver.partition(topic, request.partitionId());
        return partition.owner().submit(() -> {
            partition.retention().deleteOldest(request.count());
            return Reply.ok();
        });
    }
}
