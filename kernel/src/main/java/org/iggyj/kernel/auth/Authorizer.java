package org.iggyj.kernel.auth;

import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;

/**
 * Decides whether the user logged in on a session may perform an operation, throwing error 41
 * ({@code Unauthorized}) when not. Handlers call it after resolving the stream and topic ids and
 * before doing anything. Stateless and thread-safe: it reads the user from the snapshot passed in.
 *
 * <p>The rules are Iggy 0.8's matrix (server-semantics §3.14): root may do everything; a global
 * right applies to every stream and topic; {@code manage_X} implies {@code read_X}; managing streams
 * implies managing topics and sending, reading streams implies reading topics and polling; a
 * per-stream entry grants the same for its stream and its topics, a per-topic entry for its topic.
 * A user without permissions, or a session whose user no longer exists, may do none of it.
 */
public final class Authorizer {

    /** Scope value for checks that need no stream or topic, or whose entity does not exist. */
    public static final long NONE = -1;

    /**
     * @param md        the snapshot holding the user
     * @param session   the calling session (authenticated)
     * @param operation what is asked
     * @param streamId  the stream in scope, or {@link #NONE}
     * @param topicId   the topic in scope, or {@link #NONE}
     * @throws IggyException with code 41 when not allowed
     */
    public void require(Metadata md, ClientSession session, Operation operation, long streamId, long topicId) {
        UserRecord user = md.users().get(session.userId());
        if (user == null || !allows(user.effectivePermissions(), operation, streamId, topicId)) {
            throw new IggyException(ErrorCode.UNAUTHORIZED, "user " + session.userId() + " may not " + operation);
        }
    }

    /**
     * @param p         the user's permissions, or null for none
     * @param operation what is asked
     * @param streamId  the stream in scope, or {@link #NONE}
     * @param topicId   the topic in scope, or {@link #NONE}
     * @return whether the permissions allow it
     */
    public static boolean allows(Permissions p, Operation operation, long streamId, long topicId) {
        if (p == null) {
            return false;
        }
        if (globalAllows(p, operation)) {
            return true;
        }
        StreamPermissions stream = streamId == NONE ? null : p.streams().get(streamId);
        if (stream == null) {
            return false;
        }
        if (streamAllows(stream, operation)) {
            return true;
        }
        TopicPermissions topic = topicId == NONE ? null : stream.topics().get(topicId);
        return topic != null && topicAllows(topic, operation);
    }

    private static boolean globalAllows(Permissions p, Operation operation) {
        return switch (operation) {
            case READ_SERVER -> p.manageServers() || p.readServers();
            case READ_USERS -> p.manageUsers() || p.readUsers();
            case MANAGE_USERS -> p.manageUsers();
            case LIST_STREAMS, READ_STREAM -> p.manageStreams() || p.readStreams();
            case CREATE_STREAM, MANAGE_STREAM -> p.manageStreams();
            case LIST_TOPICS, READ_TOPIC -> p.manageStreams() || p.readStreams() || p.manageTopics()
                    || p.readTopics();
            case CREATE_TOPIC, MANAGE_TOPIC -> p.manageStreams() || p.manageTopics();
            case POLL_MESSAGES -> p.pollMessages() || p.manageStreams() || p.readStreams() || p.manageTopics()
                    || p.readTopics();
            case SEND_MESSAGES -> p.sendMessages() || p.manageStreams() || p.manageTopics();
        };
    }

    private static boolean streamAllows(StreamPermissions s, Operation operation) {
        return switch (operation) {
            case READ_STREAM -> s.manageStream() || s.readStream();
            case MANAGE_STREAM -> s.manageStream();
            case LIST_TOPICS, READ_TOPIC -> s.manageStream() || s.readStream() || s.manageTopics() || s.readTopics();
            case CREATE_TOPIC, MANAGE_TOPIC -> s.manageStream() || s.manageTopics();
            case POLL_MESSAGES -> s.manageStream() || s.readStream() || s.manageTopics() || s.readTopics()
                    || s.pollMessages();
            case SEND_MESSAGES -> s.manageStream() || s.manageTopics() || s.sendMessages();
            // Server, user, stream-list and stream-create rights exist only globally.
            default -> false;
        };
    }

    private static boolean topicAllows(TopicPermissions t, Operation operation) {
        return switch (operation) {
            case READ_TOPIC -> t.manageTopic() || t.readTopic();
            case MANAGE_TOPIC -> t.manageTopic();
            case POLL_MESSAGES -> t.manageTopic() || t.readTopic() || t.pollMessages();
            case SEND_MESSAGES -> t.manageTopic() || t.sendMessages();
            // Listing and creating topics are stream-level operations.
            default -> false;
        };
    }
}
