package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * change_password (37): {@code user_id Identifier, current_password Str8, new_password Str8}.
 *
 * @param userId          the user
 * @param currentPassword clear text; never log it
 * @param newPassword     clear text; never log it
 */
public record ChangePassword(Identifier userId, String currentPassword, String newPassword) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated or not UTF-8, 3 or 4 for a bad identifier
     */
    public static ChangePassword decode(ByteBuf payload) {
        Identifier userId = Identifier.read(payload);
        String current = WireReader.str8(payload);
        return new ChangePassword(userId, current, WireReader.str8(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        userId.write(out);
        WireWriter.name(out, currentPassword);
        WireWriter.name(out, newPassword);
    }

    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + "]";
    }
}
