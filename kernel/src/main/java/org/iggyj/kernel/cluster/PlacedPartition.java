package org.iggyj.kernel.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;

/**
 * A partition of one metadata snapshot with its directory under {@code system.path}: what the work that
 * visits every partition on its owner shard (snapshots, restores, incarnation marks) is handed.
 *
 * @param streamId  the stream
 * @param topicId   the topic
 * @param partition the partition
 * @param dir       its live directory
 */
record PlacedPartition(long streamId, long topicId, Partition partition, Path dir) {

    /** Where a partition's directory is ({@code DataLayout::partitionDir}). */
    @FunctionalInterface
    interface Dirs {
        Path partitionDir(long streamId, long topicId, long partitionId);
    }

    /** @return every partition of {@code md}, by stream, topic and partition id */
    static List<PlacedPartition> all(Metadata md, Dirs dirs) {
        List<PlacedPartition> all = new ArrayList<>();
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    all.add(new PlacedPartition(s.id(), t.id(), p, dirs.partitionDir(s.id(), t.id(), p.id())));
                }
            }
        }
        return all;
    }

    /**
     * Runs {@code work} on the partition's owner shard, behind what is queued there; at once when the
     * caller is that shard (a join on its own queue would never return).
     */
    <T> CompletableFuture<T> onOwner(Supplier<T> work) {
        if (partition.owner().inShard()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return partition.owner().submit(work);
    }
}
