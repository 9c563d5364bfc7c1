package org.iggyj.kernel.partition;

/**
 * The ids that name a partition.
 *
 * @param streamId    stream id
 * @param topicId     topic id within the stream
 * @param partitionId partition id within the topic, 0-based
 */
public record PartitionKey(long streamId, long topicId, long partitionId) {
}
