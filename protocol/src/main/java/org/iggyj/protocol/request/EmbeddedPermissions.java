package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.WireReader;

/**
 * The optional permissions field of create_user and update_permissions:
 * {@code has_permissions flag, [permissions_length u32, Permissions]}. Only a flag of exactly 1 means present.
 */
final class EmbeddedPermissions {

    private EmbeddedPermissions() {
    }

    /**
     * @return the permissions, or {@code null} when the flag is not 1
     * @throws IggyException 3 when truncated, 4 when the length does not match the block
     */
    static Permissions read(ByteBuf buf) {
        if (WireReader.u8(buf) != 1) {
            return null;
        }
        long length = WireReader.u32(buf);
        WireReader.require(buf, length, "permissions");
        return Permissions.read(buf, (int) length);
    }

    static void write(ByteBuf out, Permissions permissions) {
        if (permissions == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeIntLE(permissions.encodedLength());
        permissions.write(out);
    }
}
