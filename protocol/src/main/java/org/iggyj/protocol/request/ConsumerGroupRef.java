package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;

/**
 * {@code stream_id, topic_id, group_id} (Identifiers): get (600), delete (603), join (604) and leave (605)
 * consumer group.
 *
 * @param streamId the stream
 * @param topicId  the topic
 * @param groupId  the group's id or name
 */
public record ConsumerGroupRef(Identifier streamId, Identifier topicId, Identifier groupId) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 or 4 as {@link Identifier#read} says
     */
    public static ConsumerGroupRef decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        return new ConsumerGroupRef(streamId, topicId, Identifier.read(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
        groupId.write(out);
    }
}
