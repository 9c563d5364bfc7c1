package org.iggyj.kernel.metadata;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.partition.Partition;

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
 */
public record TopicMeta(long id, String name, long createdAtUs, int compression, long messageExpiryUs,
                        long maxTopicSizeBytes, int replicationFactor, List<Partition> partitions,
                        AtomicLong balancedCursor) {

    /**
     * @return messages over all partitions, as last published by their shards
     */
    public long messagesCount() {
        long total = 0;
        for (Partition p : partitions) {
            total += p.publishedMessages();
        }
        return total;
    }

    /**
     * @return stored bytes over all partitions, as last published by their shards
     */
    public long sizeBytes() {
        long total = 0;
        for (Partition p : partitions) {
            total += p.publishedSizeBytes();
        }
        return total;
    }

    /**
     * @param newPartitions the replacement partition list
     * @return a copy of this topic with other partitions
     */
    public TopicMeta withPartitions(List<Partition> newPartitions) {
        return new TopicMeta(id, name, createdAtUs, compression, messageExpiryUs, maxTopicSizeBytes,
                replicationFactor, List.copyOf(newPartitions), balancedCursor);
    }
}
