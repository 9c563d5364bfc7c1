package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * update_topic (304): {@code stream_id, topic_id, compression u8, message_expiry u64, max_topic_size u64,
 * replication_factor u8, name Name}; fields mean what they mean in {@link CreateTopic}.
 *
 * @param streamId          the owning stream
 * @param topicId           the topic to change
 * @param compression       a {@link CompressionAlgorithm} code
 * @param messageExpiry     retention in microseconds, raw u64 bits
 * @param maxTopicSize      size limit in bytes, raw u64 bits
 * @param replicationFactor 0..255
 * @param name              the (possibly unchanged) name
 */
public record UpdateTopic(Identifier streamId, Identifier topicId, int compression, long messageExpiry,
                          long maxTopicSize, int replicationFactor, String name) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 or 4, as for {@link CreateTopic#decode}
     */
    public static UpdateTopic decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        int compression = CompressionAlgorithm.check(WireReader.u8(payload));
        long messageExpiry = WireReader.u64(payload);
        long maxTopicSize = WireReader.u64(payload);
        int replicationFactor = WireReader.u8(payload);
        String name = WireReader.name(payload);
        return new UpdateTopic(streamId, topicId, compression, messageExpiry, maxTopicSize,
                replicationFactor, name);
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
        out.writeByte(compression);
        out.writeLongLE(messageExpiry);
        out.writeLongLE(maxTopicSize);
        out.writeByte(replicationFactor);
        WireWriter.name(out, name);
    }
}
