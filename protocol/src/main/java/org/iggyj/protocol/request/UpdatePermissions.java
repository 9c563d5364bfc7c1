package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Permissions;

/**
 * update_permissions (36): {@code user_id Identifier, has_permissions flag, [permissions_length u32,
 * Permissions]}.
 *
 * @param userId      the user
 * @param permissions the new permissions, or {@code null} to clear them
 */
public record UpdatePermissions(Identifier userId, Permissions permissions) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, 4 for a bad identifier or a permissions length mismatch
     */
    public static UpdatePermissions decode(ByteBuf payload) {
        Identifier userId = Identifier.read(payload);
        return new UpdatePermissions(userId, EmbeddedPermissions.read(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        userId.write(out);
        EmbeddedPermissions.write(out, permissions);
    }
}
