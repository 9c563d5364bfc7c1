package org.iggyj.kernel.command;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.auth.PasswordHasher;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.Limits;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.spi.Reply;
import io.netty.buffer.ByteBufAllocator;

/**
 * Login and logout. The {@link LoginGuard} refuses throttled attempts before anything is hashed;
 * password verification (Argon2id, tens of milliseconds by design) runs on its small hashing pool, so
 * it never stalls an event loop or a shard and cannot crowd out logins from clean sources. A login whose
 * password was verified for the same user, stored hash and status within {@code [auth] verified_password_ttl}
 * skips the hashing pool and is answered on the caller's thread, unless its source failed recently
 * (docs/security.md).
 */
final class SessionCommands {

    private final MetadataWriter metadata;
    private final LoginGuard guard;
    private final ByteBufAllocator alloc;

    SessionCommands(MetadataWriter metadata, LoginGuard guard, ByteBufAllocator alloc) {
        this.metadata = metadata;
        this.guard = guard;
        this.alloc = alloc;
    }

    void registerWith(KernelDispatcher dispatcher) {
        dispatcher.register(CommandCode.LOGIN_USER, LoginUser::decode, this::login);
        dispatcher.register(CommandCode.LOGOUT_USER, p -> null, (s, r) -> {
            s.logout();
            return Replies.ok();
        });
    }

    private CompletionStage<Reply> login(ClientSession session, LoginUser request) {
        int usernameBytes = request.username().getBytes(StandardCharsets.UTF_8).length;
        if (usernameBytes < Limits.MIN_USERNAME || usernameBytes > Limits.MAX_USERNAME) {
            throw new IggyException(ErrorCode.INVALID_USERNAME, "username must be 3..50 bytes");
        }
        int passwordBytes = request.password().getBytes(StandardCharsets.UTF_8).length;
        if (passwordBytes < Limits.MIN_PASSWORD || passwordBytes > Limits.MAX_PASSWORD) {
            throw new IggyException(ErrorCode.INVALID_PASSWORD, "password must be 3..100 bytes");
        }
        UserRecord user = findUser(metadata.current(), request.username());
        // Throttle by the account's name, so "iggy" and its id "0" share one count.
        String username = user != null ? user.username() : request.username();
        CompletionStage<Reply> refused = guard.refusal(session, username);
        if (refused != null) {
            session.logout();
            return refused;
        }
        if (user != null && guard.recentlyVerified(session, username, user.id(), user.isActive(), user.passwordHash(),
                request.password())) {
            guard.succeeded(session, username);
            return Replies.done(loggedIn(session, user));
        }
        session.loginAttemptStarted();
        CompletionStage<Reply> verified = guard.verify(session, username, () -> {
            // Verify even for an unknown user so that timing does not reveal which names exist.
            String hash = user != null ? user.passwordHash() : DUMMY_HASH;
            boolean valid = guard.verifyPassword(request.password(), hash);
            if (user == null || !valid) {
                session.logout();
                guard.failed(session, username, user == null ? "unknown user" : "invalid password");
                throw new IggyException(ErrorCode.INVALID_CREDENTIALS, "invalid username or password");
            }
            guard.succeeded(session, username);
            guard.verified(user.id(), user.isActive(), hash, request.password());
            return loggedIn(session, user);
        });
        // Any failed login, a refusal on the hashing thread included, leaves the connection logged out.
        return verified.whenComplete((reply, failure) -> {
            session.loginAttemptEnded();
            if (failure != null) {
                session.logout();
            }
        });
    }

    private Reply loggedIn(ClientSession session, UserRecord user) {
        if (!user.isActive()) {
            session.logout();
            throw new IggyException(ErrorCode.USER_INACTIVE, "user " + user.username() + " is inactive");
        }
        session.login(user.id());
        return Replies.write(alloc, out -> ResponseWriter.identity(out, user.id()));
    }

    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-real-password");

    /** A user name that parses as a u32 also matches the user with that id, as in Iggy. */
    static UserRecord findUser(Metadata md, String username) {
        UserRecord byName = md.userByName(username);
        if (byName != null) {
            return byName;
        }
        try {
            long id = Long.parseLong(username);
            return md.users().get(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
