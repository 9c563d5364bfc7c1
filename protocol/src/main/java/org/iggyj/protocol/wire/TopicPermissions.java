package org.iggyj.protocol.wire;

/**
 * A user's rights on one topic (4 bools on the wire, in component order).
 *
 * @param manageTopic  change or delete the topic
 * @param readTopic    read the topic's metadata
 * @param pollMessages poll from the topic
 * @param sendMessages send to the topic
 */
public record TopicPermissions(boolean manageTopic, boolean readTopic, boolean pollMessages,
                               boolean sendMessages) {
}
