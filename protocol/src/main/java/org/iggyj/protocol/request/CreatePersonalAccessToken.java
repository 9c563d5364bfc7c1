package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * create_personal_access_token (42): {@code name Name, expiry u64}.
 *
 * @param name     token name (3..30 bytes is the handler's check)
 * @param expiryUs lifetime in microseconds; 0 or u64::MAX (-1) = never
 */
public record CreatePersonalAccessToken(String name, long expiryUs) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 4 for an empty name, else 3
     */
    public static CreatePersonalAccessToken decode(ByteBuf payload) {
        String name = WireReader.name(payload);
        return new CreatePersonalAccessToken(name, WireReader.u64(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.name(out, name);
        out.writeLongLE(expiryUs);
    }
}
