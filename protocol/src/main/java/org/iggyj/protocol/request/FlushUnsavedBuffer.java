package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * flush_unsaved_buffer (102): {@code stream_id, topic_id, partition_id u32, fsync bool}.
 *
 * @param streamId    the stream
 * @param topicId     the topic
 * @param partitionId the partition (not optional here)
 * @param fsync       also force the segment files to disk
 */
public record FlushUnsavedBuffer(Identifier streamId, Identifier topicId, long partitionId, boolean fsync) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, 3 or 4 for a bad identifier
     */
    public static FlushUnsavedBuffer decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        long partitionId = WireReader.u32(payload);
        return new FlushUnsavedBuffer(streamId, topicId, partitionId, WireReader.bool(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
        WireWriter.u32(out, partitionId);
        WireWriter.bool(out, fsync);
    }
}
