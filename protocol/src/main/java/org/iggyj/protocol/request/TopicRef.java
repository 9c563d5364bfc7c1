package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;

/**
 * {@code stream_id Identifier, topic_id Identifier}: the payload of get_topic (300), delete_topic (303),
 * purge_topic (305) and get_consumer_groups (601).
 *
 * @param streamId the stream
 * @param topicId  the topic within it
 */
public record TopicRef(Identifier streamId, Identifier topicId) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 or 4 as {@link Identifier#read} says
     */
    public static TopicRef decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        return new TopicRef(streamId, Identifier.read(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
    }
}
