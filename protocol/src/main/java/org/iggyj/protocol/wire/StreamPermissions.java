package org.iggyj.protocol.wire;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A user's rights on one stream (6 bools on the wire, in component order) and on its topics.
 *
 * @param manageStream change or delete the stream
 * @param readStream   read the stream's metadata
 * @param manageTopics manage every topic of the stream
 * @param readTopics   read every topic of the stream
 * @param pollMessages poll from every topic of the stream
 * @param sendMessages send to every topic of the stream
 * @param topics       per-topic rights by topic id, sorted ascending (copied, unmodifiable)
 */
public record StreamPermissions(boolean manageStream, boolean readStream, boolean manageTopics,
                                boolean readTopics, boolean pollMessages, boolean sendMessages,
                                SortedMap<Long, TopicPermissions> topics) {

    /** Copies the topic map into a sorted, unmodifiable one. */
    public StreamPermissions {
        topics = Permissions.sortedCopy(topics);
    }

    /** @return the same rights without topic entries */
    public static StreamPermissions of(boolean manageStream, boolean readStream, boolean manageTopics,
                                       boolean readTopics, boolean pollMessages, boolean sendMessages) {
        return new StreamPermissions(manageStream, readStream, manageTopics, readTopics, pollMessages,
                sendMessages, new TreeMap<>());
    }

    /** @return a copy with the given per-topic rights */
    public StreamPermissions withTopics(Map<Long, TopicPermissions> topicRights) {
        return new StreamPermissions(manageStream, readStream, manageTopics, readTopics, pollMessages,
                sendMessages, new TreeMap<>(topicRights));
    }
}
