package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;

/**
 * {@code user_id Identifier}: get_user (31) and delete_user (34).
 *
 * @param userId the user's id or username
 */
public record UserRef(Identifier userId) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 or 4 as {@link Identifier#read} says
     */
    public static UserRef decode(ByteBuf payload) {
        return new UserRef(Identifier.read(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        userId.write(out);
    }
}
