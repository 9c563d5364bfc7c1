package org.iggyj.kernel.metadata;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.iggyj.protocol.wire.Identifier;

/**
 * A stream in one metadata snapshot.
 *
 * @param id          stream id, 0-based
 * @param name        name, unique on the server
 * @param createdAtUs creation time
 * @param topics      topics by id (unmodifiable)
 */
public record StreamMeta(long id, String name, long createdAtUs, NavigableMap<Long, TopicMeta> topics) {

    /**
     * @param identifier a numeric id or a name
     * @return the topic, or null
     */
    public TopicMeta topic(Identifier identifier) {
        if (identifier.isNumeric()) {
            return topics.get(identifier.numericId());
        }
        for (TopicMeta topic : topics.values()) {
            if (topic.name().equals(identifier.name())) {
                return topic;
            }
        }
        return null;
    }

    /**
     * @param topic a topic to add or replace
     * @return a copy of this stream with that topic
     */
    public StreamMeta withTopic(TopicMeta topic) {
        TreeMap<Long, TopicMeta> copy = new TreeMap<>(topics);
        copy.put(topic.id(), topic);
        return new StreamMeta(id, name, createdAtUs, Collections.unmodifiableNavigableMap(copy));
    }

    /**
     * @param topicId the topic to remove
     * @return a copy of this stream without it
     */
    public StreamMeta withoutTopic(long topicId) {
        TreeMap<Long, TopicMeta> copy = new TreeMap<>(topics);
        copy.remove(topicId);
        return new StreamMeta(id, name, createdAtUs, Collections.unmodifiableNavigableMap(copy));
    }

    /**
     * @param newName the new name
     * @return a renamed copy
     */
    public StreamMeta withName(String newName) {
        return new StreamMeta(id, newName, createdAtUs, topics);
    }

    /**
     * @return messages over all topics
     */
    public long messagesCount() {
        long total = 0;
        for (TopicMeta t : topics.values()) {
            total += t.messagesCount();
        }
        return total;
    }

    /**
     * @return stored bytes over all topics
     */
    public long sizeBytes() {
        long total = 0;
        for (TopicMeta t : topics.values()) {
            total += t.sizeBytes();
        }
        return total;
    }
}
