package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * create_user (33): {@code username Name, password Str8, status u8, has_permissions flag,
 * [permissions_length u32, Permissions]}. Length limits are the handler's ({@link org.iggyj.protocol.Limits}).
 *
 * @param username    the new user
 * @param password    clear-text password; never log it
 * @param status      a {@link UserStatus} code
 * @param permissions the user's permissions, or {@code null} for none
 */
public record CreateUser(String username, String password, int status, Permissions permissions) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, not UTF-8 or with an unknown status; 4 for an empty username or
     *                       a permissions length mismatch
     */
    public static CreateUser decode(ByteBuf payload) {
        String username = WireReader.name(payload);
        String password = WireReader.str8(payload);
        int status = UserStatus.check(WireReader.u8(payload));
        return new CreateUser(username, password, status, EmbeddedPermissions.read(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.name(out, username);
        WireWriter.name(out, password);
        out.writeByte(status);
        EmbeddedPermissions.write(out, permissions);
    }

    @Override
    public String toString() {
        return "CreateUser[username=" + username + ", status=" + status + ", permissions=" + permissions + "]";
    }
}
