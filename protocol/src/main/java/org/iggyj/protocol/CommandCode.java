package org.iggyj.protocol;

/**
 * The 47 command codes of Iggy 0.8 (the {@code code} field of a request frame) and their dispatch names.
 *
 * <p>Any other code is unknown and answered with {@link ErrorCode#INVALID_COMMAND}. Only {@link #PING},
 * {@link #LOGIN_USER} and {@link #LOGIN_WITH_PERSONAL_ACCESS_TOKEN} work on an unauthenticated connection;
 * every other command gets {@link ErrorCode#UNAUTHENTICATED} there.
 *
 * <p>Stateless; safe on any thread.
 */
public final class CommandCode {

    /** {@code ping}. */
    public static final int PING = 1;
    /** {@code stats}. */
    public static final int GET_STATS = 10;
    /** {@code snapshot}. */
    public static final int GET_SNAPSHOT = 11;
    /** {@code cluster.metadata}. */
    public static final int GET_CLUSTER_METADATA = 12;
    /** {@code me}. */
    public static final int GET_ME = 20;
    /** {@code client.get}. */
    public static final int GET_CLIENT = 21;
    /** {@code client.list}. */
    public static final int GET_CLIENTS = 22;
    /** {@code user.get}. */
    public static final int GET_USER = 31;
    /** {@code user.list}. */
    public static final int GET_USERS = 32;
    /** {@code user.create}. */
    public static final int CREATE_USER = 33;
    /** {@code user.delete}. */
    public static final int DELETE_USER = 34;
    /** {@code user.update}. */
    public static final int UPDATE_USER = 35;
    /** {@code user.permissions}. */
    public static final int UPDATE_PERMISSIONS = 36;
    /** {@code user.password}. */
    public static final int CHANGE_PASSWORD = 37;
    /** {@code user.login}. */
    public static final int LOGIN_USER = 38;
    /** {@code user.logout}. */
    public static final int LOGOUT_USER = 39;
    /** {@code personal_access_token.list}. */
    public static final int GET_PERSONAL_ACCESS_TOKENS = 41;
    /** {@code personal_access_token.create}. */
    public static final int CREATE_PERSONAL_ACCESS_TOKEN = 42;
    /** {@code personal_access_token.delete}. */
    public static final int DELETE_PERSONAL_ACCESS_TOKEN = 43;
    /** {@code personal_access_token.login}. */
    public static final int LOGIN_WITH_PERSONAL_ACCESS_TOKEN = 44;
    /** {@code message.poll}. */
    public static final int POLL_MESSAGES = 100;
    /** {@code message.send}. */
    public static final int SEND_MESSAGES = 101;
    /** {@code message.flush_unsaved_buffer}. */
    public static final int FLUSH_UNSAVED_BUFFER = 102;
    /** {@code consumer_offset.get}. */
    public static final int GET_CONSUMER_OFFSET = 120;
    /** {@code consumer_offset.store}. */
    public static final int STORE_CONSUMER_OFFSET = 121;
    /** {@code consumer_offset.delete}. */
    public static final int DELETE_CONSUMER_OFFSET = 122;
    /** {@code stream.get}. */
    public static final int GET_STREAM = 200;
    /** {@code stream.list}. */
    public static final int GET_STREAMS = 201;
    /** {@code stream.create}. */
    public static final int CREATE_STREAM = 202;
    /** {@code stream.delete}. */
    public static final int DELETE_STREAM = 203;
    /** {@code stream.update}. */
    public static final int UPDATE_STREAM = 204;
    /** {@code stream.purge}. */
    public static final int PURGE_STREAM = 205;
    /** {@code topic.get}. */
    public static final int GET_TOPIC = 300;
    /** {@code topic.list}. */
    public static final int GET_TOPICS = 301;
    /** {@code topic.create}. */
    public static final int CREATE_TOPIC = 302;
    /** {@code topic.delete}. */
    public static final int DELETE_TOPIC = 303;
    /** {@code topic.update}. */
    public static final int UPDATE_TOPIC = 304;
    /** {@code topic.purge}. */
    public static final int PURGE_TOPIC = 305;
    /** {@code partition.create}. */
    public static final int CREATE_PARTITIONS = 402;
    /** {@code partition.delete}. */
    public static final int DELETE_PARTITIONS = 403;
    /** {@code segment.delete}. */
    public static final int DELETE_SEGMENTS = 503;
    /** {@code consumer_group.get}. */
    public static final int GET_CONSUMER_GROUP = 600;
    /** {@code consumer_group.list}. */
    public static final int GET_CONSUMER_GROUPS = 601;
    /** {@code consumer_group.create}. */
    public static final int CREATE_CONSUMER_GROUP = 602;
    /** {@code consumer_group.delete}. */
    public static final int DELETE_CONSUMER_GROUP = 603;
    /** {@code consumer_group.join}. */
    public static final int JOIN_CONSUMER_GROUP = 604;
    /** {@code consumer_group.leave}. */
    public static final int LEAVE_CONSUMER_GROUP = 605;

    private CommandCode() {
    }

    /**
     * @param code a request's command code
     * @return whether Iggy 0.8 defines it
     */
    public static boolean isKnown(int code) {
        return name(code) != null;
    }

    /**
     * @param code a request's command code
     * @return the dispatch name (e.g. {@code "stream.create"}), usable as a metric or log tag, or
     *         {@code null} for an unknown code
     */
    public static String name(int code) {
        return switch (code) {
            case PING -> "ping";
            case GET_STATS -> "stats";
            case GET_SNAPSHOT -> "snapshot";
            case GET_CLUSTER_METADATA -> "cluster.metadata";
            case GET_ME -> "me";
            case GET_CLIENT -> "client.get";
            case GET_CLIENTS -> "client.list";
            case GET_USER -> "user.get";
            case GET_USERS -> "user.list";
            case CREATE_USER -> "user.create";
            case DELETE_USER -> "user.delete";
            case UPDATE_USER -> "user.update";
            case UPDATE_PERMISSIONS -> "user.permissions";
            case CHANGE_PASSWORD -> "user.password";
            case LOGIN_USER -> "user.login";
            case LOGOUT_USER -> "user.logout";
            case GET_PERSONAL_ACCESS_TOKENS -> "personal_access_token.list";
            case CREATE_PERSONAL_ACCESS_TOKEN -> "personal_access_token.create";
            case DELETE_PERSONAL_ACCESS_TOKEN -> "personal_access_token.delete";
            case LOGIN_WITH_PERSONAL_ACCESS_TOKEN -> "personal_access_token.login";
            case POLL_MESSAGES -> "message.poll";
            case SEND_MESSAGES -> "message.send";
            case FLUSH_UNSAVED_BUFFER -> "message.flush_unsaved_buffer";
            case GET_CONSUMER_OFFSET -> "consumer_offset.get";
            case STORE_CONSUMER_OFFSET -> "consumer_offset.store";
            case DELETE_CONSUMER_OFFSET -> "consumer_offset.delete";
            case GET_STREAM -> "stream.get";
            case GET_STREAMS -> "stream.list";
            case CREATE_STREAM -> "stream.create";
            case DELETE_STREAM -> "stream.delete";
            case UPDATE_STREAM -> "stream.update";
            case PURGE_STREAM -> "stream.purge";
            case GET_TOPIC -> "topic.get";
            case GET_TOPICS -> "topic.list";
            case CREATE_TOPIC -> "topic.create";
            case DELETE_TOPIC -> "topic.delete";
            case UPDATE_TOPIC -> "topic.update";
            case PURGE_TOPIC -> "topic.purge";
            case CREATE_PARTITIONS -> "partition.create";
            case DELETE_PARTITIONS -> "partition.delete";
            case DELETE_SEGMENTS -> "segment.delete";
            case GET_CONSUMER_GROUP -> "consumer_group.get";
            case GET_CONSUMER_GROUPS -> "consumer_group.list";
            case CREATE_CONSUMER_GROUP -> "consumer_group.create";
            case DELETE_CONSUMER_GROUP -> "consumer_group.delete";
            case JOIN_CONSUMER_GROUP -> "consumer_group.join";
            case LEAVE_CONSUMER_GROUP -> "consumer_group.leave";
            default -> null;
        };
    }

    /**
     * @param code a known command code
     * @return whether the command needs a logged-in connection (everything but ping and the two logins);
     *         {@code true} for unknown codes, which callers reject before asking
     */
    public static boolean requiresAuth(int code) {
        return code != PING && code != LOGIN_USER && code != LOGIN_WITH_PERSONAL_ACCESS_TOKEN;
    }
}
