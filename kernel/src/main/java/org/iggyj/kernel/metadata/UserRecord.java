package org.iggyj.kernel.metadata;

/**
 * A user as stored.
 *
 * @param id           user id; the root user is 0
 * @param username     unique name
 * @param passwordHash Argon2id PHC string
 * @param status       1 active, 2 inactive
 * @param createdAtUs  creation time
 * @param permissions  the permissions block in wire form, or null for none (root holds every
 *                     permission regardless)
 */
public record UserRecord(long id, String username, String passwordHash, int status, long createdAtUs,
                         byte[] permissions) {

    /** Status code of an active user. */
    public static final int ACTIVE = 1;

    /** Id of the root user. */
    public static final long ROOT_ID = 0;

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
}
