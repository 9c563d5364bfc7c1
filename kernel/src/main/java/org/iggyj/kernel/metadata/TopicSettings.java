package org.iggyj.kernel.metadata;

/**
 * Topic parameters as a client sends them on create or update (before server defaults are
 * resolved).
 *
 * @param compression       1 none, 2 gzip
 * @param messageExpiryUs   0 = server default, u64::MAX = never
 * @param maxTopicSizeBytes 0 = server default, u64::MAX = unlimited
 * @param replicationFactor 0 = unspecified (stored as 1)
 * @param name              topic name
 */
public record TopicSettings(int compression, long messageExpiryUs, long maxTopicSizeBytes, int replicationFactor,
                            String name) {
}
