package org.iggyj.kernel.auth;

import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.session.ClientSession;

/**
 * Decides whether the user logged in on a session may perform an operation, throwing error 41
 * ({@code Unauthorized}) when not. Handlers call it after resolving the stream and topic ids and
 * before doing anything. Stateless and thread-safe: it reads the user from the snapshot passed in.
 *
 * <p>Until users other than root exist (issue #3) every logged-in user is root, so every check
 * passes; the call sites are in place so the matrix can be enforced without touching handlers.
 */
public final class Authorizer {

    /** Scope value for checks that need no stream or topic. */
    public static final long NONE = -1;

    /**
     * @param md        the snapshot holding the user
     * @param session   the calling session (authenticated)
     * @param operation what is asked
     * @param streamId  the stream in scope, or {@link #NONE}
     * @param topicId   the topic in scope, or {@link #NONE}
     * @throws org.iggyj.protocol.IggyException with code 41 when not allowed
     */
    public void require(Metadata md, ClientSession session, Operation operation, long streamId, long topicId) {
        // All users are root until user management lands (issue #3).
    }
}
