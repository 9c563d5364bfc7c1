package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads Topic, TopicDetails and Partition records (binary-protocol.md §5.3–§5.4), the mirror of
 * {@link ResponseWriter#topic} and {@link ResponseWriter#partition}. Stateless.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * One topic record; u64 values as raw bits (-1 = u64::MAX).
     *
     * @param id                topic id
     * @param createdAtUs       creation time
     * @param partitionsCount   partitions
     * @param messageExpiryUs   message expiry (u64::MAX = never)
     * @param compression       1 none, 2 gzip
     * @param maxTopicSize      size cap (u64::MAX = unlimited)
     * @param replicationFactor replication factor
     * @param sizeBytes         bytes stored
     * @param messagesCount     messages stored
     * @param name              name
     */
    public record Topic(long id, long createdAtUs, long partitionsCount, long messageExpiryUs, int compression,
                        long maxTopicSize, int replicationFactor, long sizeBytes, long messagesCount, String name) {
    }

    /**
     * One partition record.
     *
     * @param id            partition id
     * @param createdAtUs   creation time
     * @param segmentsCount segments
     * @param currentOffset highest offset
     * @param sizeBytes     bytes stored
     * @param messagesCount messages stored
     */
    public record Partition(long id, long createdAtUs, long segmentsCount, long currentOffset, long sizeBytes,
                            long messagesCount) {
    }

    /**
     * @param topic      the topic
     * @param partitions its partitions
     */
    public record TopicDetails(Topic topic, List<Partition> partitions) {
    }

    /** @return the next topic record */
    public static Topic topic(ByteBuf in) {
        return new Topic(in.readUnsignedIntLE(), in.readLongLE(), in.readUnsignedIntLE(), in.readLongLE(),
                in.readUnsignedByte(), in.readLongLE(), in.readUnsignedByte(), in.readLongLE(), in.readLongLE(),
                WireReader.name(in));
    }

    /** @return every topic record left in the buffer */
    public static List<Topic> topics(ByteBuf in) {
        List<Topic> list = new ArrayList<>();
        while (in.isReadable()) {
            list.add(topic(in));
        }
        return list;
    }

    /** @return a topic record followed by its partition records */
    public static TopicDetails details(ByteBuf in) {
        Topic topic = topic(in);
        List<Partition> partitions = new ArrayList<>();
        while (in.isReadable()) {
            partitions.add(new Partition(in.readUnsignedIntLE(), in.readLongLE(), in.readUnsignedIntLE(),
                    in.readLongLE(), in.readLongLE(), in.readLongLE()));
        }
        return new TopicDetails(topic, partitions);
    }
}
