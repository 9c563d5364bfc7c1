package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;

/**
 * {@code stream_id Identifier}: the payload of get_stream (200), delete_stream (203), purge_stream (205)
 * and get_topics (301).
 *
 * @param streamId the stream
 */
public record StreamRef(Identifier streamId) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 or 4 as {@link Identifier#read} says
     */
    public static StreamRef decode(ByteBuf payload) {
        return new StreamRef(Identifier.read(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
    }
}
