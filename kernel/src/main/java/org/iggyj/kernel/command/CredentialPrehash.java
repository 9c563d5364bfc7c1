package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.auth.PasswordHasher;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ChangePassword;
import org.iggyj.protocol.request.CreateUser;

/**
 * With clustering on, replaces the clear-text passwords of create_user and change_password by their
 * Argon2id hashes on the node that received the command, before it enters the replicated log: the
 * log (on every node's disk) never holds a password. Every node then stores the hash as it is (see
 * {@link org.iggyj.kernel.auth.PasswordHashing}).
 *
 * <p>change_password's current password is checked here, against this node's copy of the user, with
 * the permission checks first as when it runs alone; the replicated command carries {@link #VERIFIED}
 * in its place, and applying it sets the new hash on every node. (Checking the current password
 * again while applying is not possible without the clear text, and would not be the same on every
 * node anyway: the root user is created with a salt of its own on each node.)
 *
 * <p>Thread-safe: called on transport event loops, hashes on the hashing executor.
 */
public final class CredentialPrehash {

    /** Stands in a replicated change_password for the current password, checked before logging. */
    public static final String VERIFIED = "verified-on-receipt";

    private final MetadataWriter metadata;
    private final Executor hashing;
    private final Guard guard;
    private final ByteBufAllocator alloc;

    CredentialPrehash(MetadataWriter metadata, Executor hashing, Guard guard, ByteBufAllocator alloc) {
        this.metadata = metadata;
        this.hashing = hashing;
        this.guard = guard;
        this.alloc = alloc;
    }

    /**
     * @param code a command code
     * @return whether the command carries a password that {@link #prepare} replaces
     */
    public static boolean carriesPassword(int code) {
        return code == CommandCode.CREATE_USER || code == CommandCode.CHANGE_PASSWORD;
    }

    /**
     * @param session the client's session
     * @param request the decoded create_user or change_password request
     * @return the payload to replicate instead of the client's, owned by the caller; fails with the
     *         command's error (no permission, unknown user, wrong current password)
     */
    public CompletionStage<ByteBuf> prepare(ClientSession session, Object request) {
        if (request instanceof CreateUser create) {
            // Fail fast, before spending an Argon2 hash on a request that cannot succeed.
            guard.global(metadata.current(), session, Operation.MANAGE_USERS);
            return CompletableFuture.supplyAsync(() -> encode(new CreateUser(create.username(),
                    PasswordHasher.hash(create.password()), create.status(), create.permissions())), hashing);
        }
        if (request instanceof ChangePassword change) {
            Metadata md = metadata.current();
            UserRecord user = md.user(change.userId());
            if (user == null || user.id() != session.userId()) {
                guard.global(md, session, Operation.MANAGE_USERS);
            }
            if (user == null) {
                throw new IggyException(ErrorCode.RESOURCE_NOT_FOUND, "user " + change.userId() + " not found");
            }
            return CompletableFuture.supplyAsync(() -> {
                if (!PasswordHasher.verify(change.currentPassword(), user.passwordHash())) {
                    throw new IggyException(ErrorCode.INVALID_CREDENTIALS, "current password does not match");
                }
                return encode(new ChangePassword(change.userId(), VERIFIED, PasswordHasher.hash(change.newPassword())));
            }, hashing);
        }
        throw new IllegalArgumentException("no password in " + request.getClass().getSimpleName());
    }

    private ByteBuf encode(CreateUser request) {
        ByteBuf out = alloc.heapBuffer();
        request.encode(out);
        return out;
    }

    private ByteBuf encode(ChangePassword request) {
        ByteBuf out = alloc.heapBuffer();
        request.encode(out);
        return out;
    }
}
