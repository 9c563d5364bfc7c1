package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * delete_segments (503): {@code stream_id, topic_id, partition_id u32, segments_count u32}.
 *
 * @param streamId    the stream
 * @param topicId     the topic
 * @param partitionId the partition
 * @param count       most of the oldest sealed segments to remove
 */
public record DeleteSegments(Identifier streamId, Identifier topicId, long partitionId, long count) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, 3 or 4 for a bad identifier
     */
    public static DeleteSegments decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        long partitionId = WireReader.u32(payload);
        return new DeleteSegments(streamId, topicId, partitionId, WireReader.u32(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
        WireWriter.u32(out, partitionId);
        WireWriter.u32(out, count);
    }
}
