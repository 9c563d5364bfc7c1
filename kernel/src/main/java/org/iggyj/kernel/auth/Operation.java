package org.iggyj.kernel.auth;

/**
 * What a command asks to do, for the permission check. Each value names the row of Iggy 0.8's
 * permission matrix that decides it (server-semantics §3.14); the scope it needs (none, a stream,
 * or a stream and a topic) is given with the check.
 */
public enum Operation {
    /** get_stats, get_clients, get_client. */
    READ_SERVER,
    /** get_users, get_user of another user. */
    READ_USERS,
    /** create/update/delete user, update permissions, change another user's password. */
    MANAGE_USERS,
    /** get_streams. */
    LIST_STREAMS,
    /** get_stream (stream scope). */
    READ_STREAM,
    /** create_stream. */
    CREATE_STREAM,
    /** update/delete/purge stream (stream scope). */
    MANAGE_STREAM,
    /** get_topics (stream scope). */
    LIST_TOPICS,
    /** get_topic, consumer-group commands (topic scope). */
    READ_TOPIC,
    /** create_topic (stream scope). */
    CREATE_TOPIC,
    /** update/delete/purge topic, partitions, segments (topic scope). */
    MANAGE_TOPIC,
    /** poll, consumer offsets (topic scope). */
    POLL_MESSAGES,
    /** send, flush unsaved buffer (topic scope). */
    SEND_MESSAGES
}
