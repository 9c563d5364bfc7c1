package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * create_partitions (402) and delete_partitions (403): {@code stream_id, topic_id, partitions_count u32}.
 * Range checks (2015, 2019) are the handler's.
 *
 * @param streamId the owning stream
 * @param topicId  the topic
 * @param count    partitions to add or to remove from the top
 */
public record PartitionsChange(Identifier streamId, Identifier topicId, long count) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, 3 or 4 for a bad identifier
     */
    public static PartitionsChange decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        return new PartitionsChange(streamId, topicId, WireReader.u32(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
        WireWriter.u32(out, count);
    }
}
