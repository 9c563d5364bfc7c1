package org.iggyj.kernel.metadata;

/**
 * Server defaults applied when a topic is created or updated with "server default" (0) values.
 *
 * @param messageExpiryUs   {@code system.topic.message_expiry}; u64::MAX (-1L) = never
 * @param maxTopicSizeBytes {@code system.topic.max_size}; u64::MAX (-1L) = unlimited
 */
public record TopicDefaults(long messageExpiryUs, long maxTopicSizeBytes) {
}
