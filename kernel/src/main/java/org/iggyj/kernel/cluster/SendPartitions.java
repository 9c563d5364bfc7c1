package org.iggyj.kernel.cluster;

import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.partition.PartitionKey;

/**
 * Resolves the partition a logged send names, in the current metadata. Only the very incarnation the
 * send was accepted for counts (the header carries its creation time): a partition deleted and created
 * again between the send's submission and its write is not the one the send meant.
 *
 * <p>Stateless over the metadata's immutable snapshots: any thread.
 */
final class SendPartitions {

    private final MetadataWriter metadata;

    /** @param metadata the metadata (its current snapshot resolves partitions) */
    SendPartitions(MetadataWriter metadata) {
        this.metadata = metadata;
    }

    /** @return the send's partition, or null when it is gone or is another incarnation */
    Partition find(SendEntry send) {
        StreamMeta stream = metadata.current().streams().get(send.streamId());
        TopicMeta topic = stream == null ? null : stream.topics().get(send.topicId());
        if (topic == null || send.partitionId() >= topic.partitions().size()) {
            return null;
        }
        Partition partition = topic.partitions().get((int) send.partitionId());
        return partition.createdAtUs() == send.createdAtUs() ? partition : null;
    }

    /** @return the key naming the send's partition (its staging files, its staged count) */
    static PartitionKey keyOf(SendEntry send) {
        return new PartitionKey(send.streamId(), send.topicId(), send.partitionId());
    }
}
