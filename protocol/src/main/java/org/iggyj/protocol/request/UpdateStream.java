package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * update_stream (204): {@code stream_id Identifier, name Name}.
 *
 * @param streamId the stream to rename
 * @param name     its new name
 */
public record UpdateStream(Identifier streamId, String name) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 or 4 as {@link Identifier#read} and {@link WireReader#name} say
     */
    public static UpdateStream decode(ByteBuf payload) {
        Identifier streamId = Identifier.read(payload);
        return new UpdateStream(streamId, WireReader.name(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        streamId.write(out);
        WireWriter.name(out, name);
    }
}
