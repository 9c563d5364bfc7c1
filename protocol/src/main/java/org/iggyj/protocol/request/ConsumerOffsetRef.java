package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * get_consumer_offset (120) and delete_consumer_offset (122):
 * {@code consumer, stream_id, topic_id, partition OptPartition}.
 *
 * @param consumer    whose offset
 * @param streamId    the stream
 * @param topicId     the topic
 * @param partitionId the partition, or {@link WireReader#NO_PARTITION} (-1) when absent
 */
public record ConsumerOffsetRef(Consumer consumer, Identifier streamId, Identifier topicId, long partitionId) {

    /** @return whether the request names a partition */
    public boolean hasPartition() {
        return partitionId != WireReader.NO_PARTITION;
    }

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated or for an unknown kind byte, 4 for a malformed identifier
     */
    public static ConsumerOffsetRef decode(ByteBuf payload) {
        Consumer consumer = Consumer.read(payload);
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        return new ConsumerOffsetRef(consumer, streamId, topicId, WireReader.optPartition(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        consumer.write(out);
        streamId.write(out);
        topicId.write(out);
        WireWriter.optPartition(out, partitionId);
    }
}
