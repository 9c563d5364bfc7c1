package org.iggyj.kernel.shard;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed set of shards and the rule that places a partition on one of them. Placement is a
 * hash of (stream, topic, partition), so a partition lands on the same shard at every start
 * with the same shard count, and a topic's partitions spread over the shards.
 */
public final class ShardSet implements AutoCloseable {

    private final List<Shard> shards;

    /**
     * @param count number of shard threads, at least 1
     */
    public ShardSet(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + count);
        }
        List<Shard> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new Shard(i));
        }
        this.shards = List.copyOf(list);
    }

    /**
     * @return shard 0, which also runs metadata mutations
     */
    public Shard metadataWriter() {
        return shards.get(0);
    }

    /**
     * @return all shards
     */
    public List<Shard> all() {
        return shards;
    }

    /**
     * @param streamId    the stream id
     * @param topicId     the topic id
     * @param partitionId the partition id
     * @return the shard that owns that partition
     */
    public Shard ownerOf(long streamId, long topicId, long partitionId) {
        long h = streamId * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ topicId) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 32) ^ partitionId) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return shards.get((int) Math.floorMod(h, (long) shards.size()));
    }

    @Override
    public void close() {
        for (Shard shard : shards) {
            shard.close();
        }
    }
}
