package org.iggyj.kernel.metadata;

import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.Permissions;

/**
 * A user as stored, with its personal access tokens. Immutable; the {@code with*} methods return
 * changed copies for the metadata writer to publish.
 *
 * @param id           user id; the root user is 0
 * @param username     unique name
 * @param passwordHash Argon2id PHC string
 * @param status       1 active, 2 inactive
 * @param createdAtUs  creation time
 * @param permissions  the user's permissions, or null for none (root holds every permission
 *                     regardless of this field)
 * @param tokens       the user's personal access tokens (copied, unmodifiable; null reads as none)
 */
public record UserRecord(long id, String username, String passwordHash, int status, long createdAtUs,
                         Permissions permissions, List<TokenRecord> tokens) {

    /** Status code of an active user. */
    public static final int ACTIVE = 1;

    /** Id of the root user. */
    public static final long ROOT_ID = 0;

    /** Copies the token list. */
    public UserRecord {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** A user without tokens. */
    public UserRecord(long id, String username, String passwordHash, int status, long createdAtUs,
                      Permissions permissions) {
        this(id, username, passwordHash, status, createdAtUs, permissions, List.of());
    }

    /**
     * @return whether this user may log in
     */
    public boolean isActive() {
        return status == ACTIVE;
    }

    /**
     * @return whether this is the root user
     */
    public boolean isRoot() {
        return id == ROOT_ID;
    }

    /**
     * @return the permissions to report and enforce: every global one for root, else the stored ones
     */
    public Permissions effectivePermissions() {
        return isRoot() ? Permissions.all() : permissions;
    }

    /** @return a copy with another username */
    public UserRecord withUsername(String name) {
        return new UserRecord(id, name, passwordHash, status, createdAtUs, permissions, tokens);
    }

    /** @return a copy with another status */
    public UserRecord withStatus(int newStatus) {
        return new UserRecord(id, username, passwordHash, newStatus, createdAtUs, permissions, tokens);
    }

    /** @return a copy with another password hash */
    public UserRecord withPasswordHash(String hash) {
        return new UserRecord(id, username, hash, status, createdAtUs, permissions, tokens);
    }

    /** @return a copy with other permissions (null for none) */
    public UserRecord withPermissions(Permissions newPermissions) {
        return new UserRecord(id, username, passwordHash, status, createdAtUs, newPermissions, tokens);
    }

    /** @return a copy with other tokens */
    public UserRecord withTokens(List<TokenRecord> newTokens) {
        return new UserRecord(id, username, passwordHash, status, createdAtUs, permissions, newTokens);
    }

    /**
     * @param name a token name
     * @return the token of this user with that name, or null
     */
    public TokenRecord token(String name) {
        for (TokenRecord t : tokens) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** @return a copy with one more token */
    public UserRecord withToken(TokenRecord token) {
        List<TokenRecord> all = new ArrayList<>(tokens);
        all.add(token);
        return withTokens(all);
    }

    /** @return a copy without the token of that name */
    public UserRecord withoutToken(String name) {
        List<TokenRecord> kept = new ArrayList<>(tokens);
        kept.removeIf(t -> t.name().equals(name));
        return withTokens(kept);
    }

    @Override
    public String toString() {
        // Never shows the password hash or token hashes.
        return "UserRecord[id=" + id + ", username=" + username + ", status=" + status + "]";
    }
}
