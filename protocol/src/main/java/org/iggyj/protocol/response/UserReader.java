package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads User, UserDetails and PersonalAccessToken records (binary-protocol.md §5.8–§5.10), the mirror
 * of {@link ResponseWriter#user}, {@link ResponseWriter#userDetails} and
 * {@link ResponseWriter#personalAccessToken}. Stateless.
 */
public final class UserReader {

    private UserReader() {
    }

    /**
     * @param id          user id
     * @param createdAtUs creation time
     * @param status      1 active, 2 inactive
     * @param username    name
     */
    public record User(long id, long createdAtUs, int status, String username) {
    }

    /**
     * @param user        the user
     * @param permissions its permissions, or null for none
     */
    public record UserDetails(User user, Permissions permissions) {
    }

    /**
     * @param name       token name
     * @param expiryAtUs expiry, microseconds since the epoch; 0 = never
     */
    public record PersonalAccessToken(String name, long expiryAtUs) {
    }

    /** @return the next user record */
    public static User user(ByteBuf in) {
        return new User(in.readUnsignedIntLE(), in.readLongLE(), in.readUnsignedByte(), WireReader.name(in));
    }

    /** @return every user record left in the buffer */
    public static List<User> users(ByteBuf in) {
        List<User> list = new ArrayList<>();
        while (in.isReadable()) {
            list.add(user(in));
        }
        return list;
    }

    /** @return a user record and its permissions block (four zero bytes when it has none) */
    public static UserDetails details(ByteBuf in) {
        User user = user(in);
        if (!in.isReadable() || in.getByte(in.readerIndex()) == 0) {
            in.skipBytes(Math.min(4, in.readableBytes()));
            return new UserDetails(user, null);
        }
        in.skipBytes(1);
        int length = in.readIntLE();
        return new UserDetails(user, Permissions.read(in, length));
    }

    /** @return every personal access token record left in the buffer */
    public static List<PersonalAccessToken> tokens(ByteBuf in) {
        List<PersonalAccessToken> list = new ArrayList<>();
        while (in.isReadable()) {
            list.add(new PersonalAccessToken(WireReader.name(in), in.readLongLE()));
        }
        return list;
    }
}
