package org.iggyj.kernel.metadata;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.protocol.wire.Identifier;

/**
 * A topic in one metadata snapshot.
 *
 * @param id                id within the stream, 0-based
 * @param name              name, unique within the stream
 * @param createdAtUs       creation time
 * @param compression       compression algorithm code (stored and reported only, as in Iggy 0.8)
 * @param messageExpiryUs   retention in microseconds; u64::MAX (-1L) = never
 * @param maxTopicSizeBytes size limit; u64::MAX (-1L) = unlimited
 * @param replicationFactor replication factor (reported only)
 * @param partitions        partitions in id order; index i holds partition i
 * @param balancedCursor    round-robin counter of balanced sends, shared by every snapshot of
 *                          this topic and reset at restart, as in Iggy
 * @param consumerGroups    consumer groups by id (unmodifiable)
 */
public record TopicMeta(long id, String name, long createdAtUs, int compression, long messageExpiryUs,
                        long maxTopicSizeBytes, int replicationFactor, List<Partition> partitions,
                        AtomicLong balancedCursor, NavigableMap<Long, ConsumerGroupMeta> consumerGroups) {

    private static final NavigableMap<Long, ConsumerGroupMeta> NO_GROUPS =
            Collections.unmodifiableNavigableMap(new TreeMap<>());

    /**
     * A topic without consumer groups.
     *
     * @param id                id within the stream
     * @param name              name
     * @param createdAtUs       creation time
     * @param compression       compression algorithm code
     * @param messageExpiryUs   retention
     * @param maxTopicSizeBytes size limit
     * @param replicationFactor replication factor
     * @param partitions        partitions in id order
     * @param balancedCursor    round-robin counter of balanced sends
     */
    public TopicMeta(long id, String name, long createdAtUs, int compression, long messageExpiryUs,
                     long maxTopicSizeBytes, int replicationFactor, List<Partition> partitions,
                     AtomicLong balancedCursor) {
        this(id, name, createdAtUs, compression, messageExpiryUs, maxTopicSizeBytes, replicationFactor, partitions,
                balancedCursor, NO_GROUPS);
    }

    /**
     * @param identifier a numeric id or a name
     * @return the consumer group, or null
     */
    public ConsumerGroupMeta consumerGroup(Identifier identifier) {
        if (identifier.isNumeric()) {
            return consumerGroups.get(identifier.numericId());
        }
        for (ConsumerGroupMeta group : consumerGroups.values()) {
            if (group.name().equals(identifier.name())) {
                return group;
            }
        }
        return null;
    }

    /**
     * @param group a group to add or replace
     * @return a copy of this topic with that group
     */
    public TopicMeta withConsumerGroup(ConsumerGroupMeta group) {
        TreeMap<Long, ConsumerGroupMeta> copy = new TreeMap<>(consumerGroups);
        copy.put(group.id(), group);
        return withConsumerGroups(copy);
    }

    /**
     * @param groupId a group to remove
     * @return a copy of this topic without it
     */
    public TopicMeta withoutConsumerGroup(long groupId) {
        TreeMap<Long, ConsumerGroupMeta> copy = new TreeMap<>(consumerGroups);
        copy.remove(groupId);
        return withConsumerGroups(copy);
    }

    /**
     * @param groups the replacement groups
     * @return a copy of this topic with those groups
     */
    public TopicMeta withConsumerGroups(NavigableMap<Long, ConsumerGroupMeta> groups) {
        return new TopicMeta(id, name, createdAtUs, compression, messageExpiryUs, maxTopicSizeBytes,
                replicationFactor, partitions, balancedCursor,
                Collections.unmodifiableNavigableMap(new TreeMap<>(groups)));
    }

    /**
     * @return messages over all partitions, as last published by their shards
     */
    public long messagesCount() {
        long total = 0;
        for (Partition p : partitions) {
            total += p.stats().messages();
        }
        return total;
    }

    /**
     * @return stored bytes over all partitions, as last published by their shards
     */
    public long sizeBytes() {
        long total = 0;
        for (Partition p : partitions) {
            total += p.stats().sizeBytes();
        }
        return total;
    }

    /**
     * Consumer groups keep their members; their assignment follows the new partition count.
     *
     * @param newPartitions the replacement partition list
     * @return a copy of this topic with other partitions
     */
    public TopicMeta withPartitions(List<Partition> newPartitions) {
        return new TopicMeta(id, name, createdAtUs, compression, messageExpiryUs, maxTopicSizeBytes,
                replicationFactor, List.copyOf(newPartitions), balancedCursor, consumerGroups);
    }
}
