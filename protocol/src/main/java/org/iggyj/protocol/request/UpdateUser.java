package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * update_user (35): {@code user_id Identifier, has_username flag, [username Name], has_status flag,
 * [status u8]}. A flag is present only when exactly 1.
 *
 * @param userId   the user
 * @param username the new username, or {@code null} to keep it
 * @param status   the new {@link UserStatus}, or 0 to keep it
 */
public record UpdateUser(Identifier userId, String username, int status) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated or with an unknown status, 4 for an empty username
     */
    public static UpdateUser decode(ByteBuf payload) {
        Identifier userId = Identifier.read(payload);
        String username = WireReader.u8(payload) == 1 ? WireReader.name(payload) : null;
        int status = WireReader.u8(payload) == 1 ? UserStatus.check(WireReader.u8(payload)) : 0;
        return new UpdateUser(userId, username, status);
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        userId.write(out);
        if (username == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            WireWriter.name(out, username);
        }
        if (status == 0) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeByte(status);
        }
    }
}
