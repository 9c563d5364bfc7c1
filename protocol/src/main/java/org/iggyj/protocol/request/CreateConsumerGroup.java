package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * create_consumer_group (602): {@code stream_id, topic_id, name Name}. The server assigns the id.
 *
 * @param streamId the stream
 * @param topicId  the topic
 * @param name     the group name, unique within the topic
 */
public record CreateConsumerGroup(Identifier streamId, Identifier topicId, String name) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 4 for an empty name or bad identifier length, else 3
     */
    public static CreateConsumerGroup decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        return new CreateConsumerGroup(streamId, topicId, WireReader.name(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        topicId.write(out);
        WireWriter.name(out, name);
    }
}
