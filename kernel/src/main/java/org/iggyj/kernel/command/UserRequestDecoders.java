package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.Limits;
import org.iggyj.protocol.request.ChangePassword;
import org.iggyj.protocol.request.CreatePersonalAccessToken;
import org.iggyj.protocol.request.CreateUser;
import org.iggyj.protocol.request.UpdateUser;

/**
 * Decoders for user and token commands that also check value limits, as Iggy 0.8 validates a
 * command right after decoding it: a bad username, password or token name is reported (43, 44,
 * 50) before authentication and permissions are looked at.
 */
final class UserRequestDecoders {

    private UserRequestDecoders() {
    }

    static CreateUser createUser(ByteBuf payload) {
        CreateUser request = CreateUser.decode(payload);
        checkUsername(request.username());
        checkPassword(request.password());
        return request;
    }

    static UpdateUser updateUser(ByteBuf payload) {
        UpdateUser request = UpdateUser.decode(payload);
        if (request.username() != null) {
            checkUsername(request.username());
        }
        return request;
    }

    static ChangePassword changePassword(ByteBuf payload) {
        ChangePassword request = ChangePassword.decode(payload);
        checkPassword(request.currentPassword());
        checkPassword(request.newPassword());
        return request;
    }

    static CreatePersonalAccessToken createToken(ByteBuf payload) {
        CreatePersonalAccessToken request = CreatePersonalAccessToken.decode(payload);
        if (!inRange(request.name(), Limits.MIN_PAT_NAME, Limits.MAX_PAT_NAME)) {
            throw new IggyException(ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN_NAME, "token name must be 3..30 bytes");
        }
        return request;
    }

    private static void checkUsername(String username) {
        if (!inRange(username, Limits.MIN_USERNAME, Limits.MAX_USERNAME)) {
            throw new IggyException(ErrorCode.INVALID_USERNAME, "username must be 3..50 bytes");
        }
    }

    private static void checkPassword(String password) {
        if (!inRange(password, Limits.MIN_PASSWORD, Limits.MAX_PASSWORD)) {
            throw new IggyException(ErrorCode.INVALID_PASSWORD, "password must be 3..100 bytes");
        }
    }

    private static boolean inRange(String text, int min, int max) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= min && bytes <= max;
    }
}
