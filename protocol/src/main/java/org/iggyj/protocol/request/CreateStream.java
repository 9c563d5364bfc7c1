package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * create_stream (202): {@code name Name}. The server assigns the id.
 *
 * @param name the new stream's name
 */
public record CreateStream(String name) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 4 for an empty name, 3 when truncated or not UTF-8
     */
    public static CreateStream decode(ByteBuf payload) {
        return new CreateStream(WireReader.name(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.name(out, name);
    }
}
