package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * delete_personal_access_token (43): {@code name Name}.
 *
 * @param name the token's name
 */
public record PatName(String name) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 4 for an empty name, else 3
     */
    public static PatName decode(ByteBuf payload) {
        return new PatName(WireReader.name(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.name(out, name);
    }
}
