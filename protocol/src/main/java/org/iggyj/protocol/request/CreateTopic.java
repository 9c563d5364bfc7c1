package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * create_topic (302).
 *
 * <pre>
 * stream_id             Identifier
 * partitions_count      u32   (0..1000 is the handler's check)
 * compression_algorithm u8    1 none, 2 gzip, else 3 at decode
 * message_expiry        u64   microseconds; 0 = server default, u64::MAX (-1 here) = never
 * max_topic_size        u64   bytes; 0 = server default, u64::MAX (-1 here) = unlimited
 * replication_factor    u8    0 = unspecified
 * name                  Name
 * </pre>
 *
 * @param streamId          the owning stream
 * @param partitionsCount   partitions to create
 * @param compression       a {@link CompressionAlgorithm} code
 * @param messageExpiry     retention in microseconds, raw u64 bits
 * @param maxTopicSize      size limit in bytes, raw u64 bits
 * @param replicationFactor 0..255
 * @param name              the topic name
 */
public record CreateTopic(Identifier streamId, long partitionsCount, int compression, long messageExpiry,
                          long maxTopicSize, int replicationFactor, String name) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, not UTF-8 or with an unknown compression; 4 for an empty name
     *                       or a malformed identifier
     */
    public static CreateTopic decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        long partitionsCount = WireReader.u32(payload);
        int compression = CompressionAlgorithm.check(WireReader.u8(payload));
        long messageExpiry = WireReader.u64(payload);
        long maxTopicSize = WireReader.u64(payload);
        int replicationFactor = WireReader.u8(payload);
        String name = WireReader.name(payload);
        return new CreateTopic(streamId, partitionsCount, compression, messageExpiry, maxTopicSize,
                replicationFactor, name);
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        WireWriter.u32(out, partitionsCount);
        out.writeByte(compression);
        out.writeLongLE(messageExpiry);
        out.writeLongLE(maxTopicSize);
        out.writeByte(replicationFactor);
        WireWriter.name(out, name);
    }
}
