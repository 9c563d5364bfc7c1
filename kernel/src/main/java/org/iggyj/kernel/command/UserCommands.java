package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.auth.PasswordHashing;
import org.iggyj.kernel.auth.RandomSource;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ChangePassword;
import org.iggyj.protocol.request.CreateUser;
import org.iggyj.protocol.request.UpdatePermissions;
import org.iggyj.protocol.request.UpdateUser;
import org.iggyj.protocol.request.UserRef;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.Reply;

/**
 * User commands: get, list, create, delete, update, update permissions, change password.
 *
 * <p>Design note: Argon2id hashing and verification take tens of milliseconds, so they run on the
 * hashing executor; only the resulting change is applied on the metadata shard, where the checks
 * that depend on the current snapshot (name taken, user still there) are repeated.
 */
final class UserCommands {

    /** Stands for "no user" where a user id is expected. */
    private static final long NOBODY = -1;

    private final MetadataWriter metadata;
    private final SessionRegistry sessions;
    private final Executor hashing;
    private final ByteBufAllocator alloc;
    private final Guard guard;
    private final MicrosClock clock;
    private final RandomSource random;
    private final PasswordHashing passwords;

    UserCommands(MetadataWriter metadata, SessionRegistry sessions, Executor hashing, ByteBufAllocator alloc,
                 Guard guard, MicrosClock clock, RandomSource random, PasswordHashing passwords) {
        this.random = random;
        this.passwords = passwords;
        this.metadata = metadata;
        this.sessions = sessions;
        this.hashing = hashing;
        this.alloc = alloc;
        this.guard = guard;
        this.clock = clock;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.GET_USER, UserRef::decode, this::get);
        d.register(CommandCode.GET_USERS, p -> null, this::list);
        d.register(CommandCode.CREATE_USER, UserRequestDecoders::createUser, this::create);
        d.register(CommandCode.DELETE_USER, UserRef::decode, this::delete);
        d.register(CommandCode.UPDATE_USER, UserRequestDecoders::updateUser, this::update);
        d.register(CommandCode.UPDATE_PERMISSIONS, UpdatePermissions::decode, this::updatePermissions);
        d.register(CommandCode.CHANGE_PASSWORD, UserRequestDecoders::changePassword, this::changePassword);
    }

    private CompletionStage<Reply> get(ClientSession session, UserRef request) {
        Metadata md = metadata.current();
        UserRecord user = md.user(request.userId());
        if (user == null || user.id() != session.userId()) {
            guard.global(md, session, Operation.READ_USERS);
        }
        if (user == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc, out -> userDetails(out, user)));
    }

    private CompletionStage<Reply> list(ClientSession session, Object ignored) {
        Metadata md = metadata.current();
        guard.global(md, session, Operation.READ_USERS);
        return Replies.done(Replies.write(alloc, out -> md.users().values().forEach(u ->
                ResponseWriter.user(out, u.id(), u.createdAtUs(), u.status(), u.username()))));
    }

    private CompletionStage<Reply> create(ClientSession session, CreateUser request) {
        Metadata before = metadata.current();
        // Fail fast, before spending an Argon2 hash on a request that cannot succeed.
        guard.global(before, session, Operation.MANAGE_USERS);
        requireNameFree(before, request.username(), NOBODY);
        return CompletableFuture.supplyAsync(() -> passwords.hash(request.password(), random), hashing)
                .thenCompose(hash -> metadata.mutate(() -> {
                    Metadata md = metadata.current();
                    guard.global(md, session, Operation.MANAGE_USERS);
                    requireNameFree(md, request.username(), NOBODY);
                    long id = Metadata.lowestFreeId(md.users());
                    UserRecord user = new UserRecord(id, request.username(), hash, request.status(), clock.nowUs(),
                            request.permissions());
                    metadata.putUser(user);
                    return Replies.write(alloc, out -> userDetails(out, user));
                }));
    }

    private CompletionStage<Reply> delete(ClientSession session, UserRef request) {
        return metadata.mutate(() -> {
            Metadata md = metadata.current();
            guard.global(md, session, Operation.MANAGE_USERS);
            UserRecord user = requireUser(md, request.userId());
            if (user.isRoot()) {
                throw new IggyException(ErrorCode.CANNOT_DELETE_USER, "the root user cannot be deleted");
            }
            metadata.removeUser(user.id());
            // Its sessions stay connected but are no longer logged in, so a recycled id never inherits them.
            sessions.ofUser(user.id()).forEach(ClientSession::logout);
            return Reply.ok();
        });
    }

    private CompletionStage<Reply> update(ClientSession session, UpdateUser request) {
        return metadata.mutate(() -> {
            Metadata md = metadata.current();
            guard.global(md, session, Operation.MANAGE_USERS);
            UserRecord user = requireUser(md, request.userId());
            if (request.username() != null) {
                requireNameFree(md, request.username(), user.id());
                user = user.withUsername(request.username());
            }
            if (request.status() != 0) {
                user = user.withStatus(request.status());
            }
            metadata.putUser(user);
            return Reply.ok();
        });
    }

    private CompletionStage<Reply> updatePermissions(ClientSession session, UpdatePermissions request) {
        return metadata.mutate(() -> {
            Metadata md = metadata.current();
            guard.global(md, session, Operation.MANAGE_USERS);
            UserRecord user = requireUser(md, request.userId());
            if (user.isRoot()) {
                throw new IggyException(ErrorCode.CANNOT_CHANGE_PERMISSIONS, "root's permissions cannot be changed");
            }
            metadata.putUser(user.withPermissions(request.permissions()));
            return Reply.ok();
        });
    }

    private CompletionStage<Reply> changePassword(ClientSession session, ChangePassword request) {
        Metadata md = metadata.current();
        UserRecord user = md.user(request.userId());
        if (user == null || user.id() != session.userId()) {
            guard.global(md, session, Operation.MANAGE_USERS);
        }
        UserRecord target = requireUser(md, request.userId());
        return CompletableFuture.supplyAsync(() -> {
            if (!passwords.verify(request.currentPassword(), target.passwordHash())) {
                throw new IggyException(ErrorCode.INVALID_CREDENTIALS, "current password does not match");
            }
            return passwords.hash(request.newPassword(), random);
        }, hashing).thenCompose(hash -> metadata.mutate(() -> {
            UserRecord current = metadata.current().users().get(target.id());
            if (current == null) {
                throw new IggyException(ErrorCode.RESOURCE_NOT_FOUND, "user " + target.id() + " not found");
            }
            metadata.putUser(current.withPasswordHash(hash));
            return Reply.ok();
        }));
    }

    private static UserRecord requireUser(Metadata md, Identifier userId) {
        UserRecord user = md.user(userId);
        if (user == null) {
            throw new IggyException(ErrorCode.RESOURCE_NOT_FOUND, "user " + userId + " not found");
        }
        return user;
    }

    /** @param exceptId the user allowed to hold the name already (a rename to itself), or none */
    private static void requireNameFree(Metadata md, String username, long exceptId) {
        UserRecord holder = md.userByName(username);
        if (holder != null && holder.id() != exceptId) {
            throw new IggyException(ErrorCode.USER_ALREADY_EXISTS, "user '" + username + "' already exists");
        }
    }

    private static void userDetails(ByteBuf out, UserRecord u) {
        ResponseWriter.userDetails(out, u.id(), u.createdAtUs(), u.status(), u.username(), u.effectivePermissions());
    }
}
