package org.iggyj.kernel.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.digest.XXHash32;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/**
 * Resolves identifiers in message and offset commands to a partition, with Iggy's error codes and
 * its rules for partitioning and named consumers. Consumer groups resolve in {@link GroupConsumers}.
 */
final class PartitionResolver {

    private PartitionResolver() {
    }

    static TopicMeta topic(Metadata md, Identifier streamId, Identifier topicId) {
        StreamMeta stream = md.stream(streamId);
        if (stream == null) {
            throw new IggyException(ErrorCode.STREAM_ID_NOT_FOUND, "stream " + streamId + " not found");
        }
        TopicMeta topic = stream.topic(topicId);
        if (topic == null) {
            throw new IggyException(ErrorCode.TOPIC_ID_NOT_FOUND, "topic " + topicId + " not found");
        }
        return topic;
    }

    static Partition partition(TopicMeta topic, long partitionId) {
        List<Partition> partitions = topic.partitions();
        if (partitionId < 0 || partitionId >= partitions.size()) {
            throw new IggyException(ErrorCode.PARTITION_NOT_FOUND,
                    "partition " + partitionId + " not found in topic " + topic.id());
        }
        return partitions.get((int) partitionId);
    }

    /**
     * Picks the partition a send goes to: balanced = per-topic round robin advanced once per
     * request; partition id = that partition; messages key = XXH32(key) mod partition count.
     */
    static Partition forSend(TopicMeta topic, Partitioning partitioning) {
        int count = topic.partitions().size();
        switch (partitioning.kind()) {
            case BALANCED:
                if (count == 0) {
                    // Iggy 0.8 answers "topic not found" here; kept for compatibility.
                    throw new IggyException(ErrorCode.TOPIC_ID_NOT_FOUND, "topic " + topic.id() + " has no partitions");
                }
                return topic.partitions().get(Math.floorMod(topic.balancedCursor().getAndIncrement(), count));
            case PARTITION_ID:
                return partition(topic, partitioning.partitionId());
            case MESSAGES_KEY:
                if (count == 0) {
                    throw new IggyException(ErrorCode.PARTITION_NOT_FOUND, "topic " + topic.id() + " has no partitions");
                }
                return topic.partitions().get((int) (xxh32(partitioning.key()) % count));
            default:
                throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown partitioning " + partitioning.kind());
        }
    }

    /**
     * @return the numeric key offsets of a regular consumer are stored under: its number, or
     *         XXH32 of its name
     */
    static long consumerKey(Consumer consumer) {
        Identifier id = consumer.id();
        if (id.isNumeric()) {
            return id.numericId();
        }
        return xxh32(id.name().getBytes(StandardCharsets.UTF_8));
    }

    static long xxh32(byte[] bytes) {
        XXHash32 hash = new XXHash32(0);
        hash.update(bytes, 0, bytes.length);
        return hash.getValue();
    }
}
