package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.file.Path;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicDefaults;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.StorageConfig;

/**
 * The kernel state of one node over a real data directory, as a starting node opens it: two shards
 * and the metadata recovered from disk, with 1 KiB segments so a few messages roll one. Closing it
 * closes every partition on its owner shard, then the shards, as a stopping node does.
 */
final class DataDirNode implements AutoCloseable {

    private static final long U64_MAX = -1L;

    private final ShardSet shards;
    private final MetadataWriter writer;
    private final DataLayout layout;

    private DataDirNode(ShardSet shards, MetadataWriter writer, DataLayout layout) {
        this.shards = shards;
        this.writer = writer;
        this.layout = layout;
    }

    /**
     * @param dataDir the node's {@code system.path}
     * @param nowUs   the time every metadata change is stamped with
     * @return the opened node
     * @throws IOException when the directory cannot be read
     */
    static DataDirNode open(Path dataDir, long nowUs) throws IOException {
        ShardSet shards = new ShardSet(2);
        DataLayout layout = new DataLayout(dataDir);
        MetadataWriter writer = new MetadataWriter(shards, layout, new StorageConfig(1024, false, false),
                new TopicDefaults(U64_MAX, U64_MAX), () -> nowUs);
        MetadataRecovery.recover(writer, layout);
        return new DataDirNode(shards, writer, layout);
    }

    MetadataWriter writer() {
        return writer;
    }

    DataLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        for (StreamMeta s : writer.current().streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    p.owner().submit(() -> {
                        p.close();
                        return null;
                    }).join();
                }
            }
        }
        shards.close();
    }
}
