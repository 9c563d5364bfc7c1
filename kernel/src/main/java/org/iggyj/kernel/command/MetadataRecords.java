package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.protocol.response.ResponseWriter;

/**
 * Writes metadata entities as Iggy 0.8 response records, with the statistics the shards last
 * published.
 */
final class MetadataRecords {

    private MetadataRecords() {
    }

    static void stream(ByteBuf out, StreamMeta s) {
        ResponseWriter.stream(out, s.id(), s.createdAtUs(), s.topics().size(), s.sizeBytes(), s.messagesCount(),
                s.name());
    }

    static void streamDetails(ByteBuf out, StreamMeta s) {
        stream(out, s);
        for (TopicMeta t : s.topics().values()) {
            topic(out, t);
        }
    }

    static void topic(ByteBuf out, TopicMeta t) {
        ResponseWriter.topic(out, t.id(), t.createdAtUs(), t.partitions().size(), t.messageExpiryUs(),
                t.compression(), t.maxTopicSizeBytes(), t.replicationFactor(), t.sizeBytes(), t.messagesCount(),
                t.name());
    }

    static void topicDetails(ByteBuf out, TopicMeta t) {
        topic(out, t);
        for (Partition p : t.partitions()) {
            ResponseWriter.partition(out, p.id(), p.createdAtUs(), p.stats().segments(),
                    p.stats().currentOffset(), p.stats().sizeBytes(), p.stats().messages());
        }
    }
}
