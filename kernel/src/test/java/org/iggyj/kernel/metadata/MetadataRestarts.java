package org.iggyj.kernel.metadata;

import java.io.IOException;
import java.nio.file.Path;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.StorageConfig;

/**
 * The metadata of one data directory started again and again, as server restarts would: each
 * {@link #restart} closes the shards of the start before and recovers a new writer from the disk. 1 MiB
 * segments, no fsync, server-default expiry and size unlimited. Test-thread confined; closed by the test.
 */
final class MetadataRestarts implements AutoCloseable {

    private final Path dataDir;
    private final int shardCount;
    private final MicrosClock clock;
    private ShardSet shards;

    MetadataRestarts(Path dataDir, int shardCount, MicrosClock clock) {
        this.dataDir = dataDir;
        this.shardCount = shardCount;
        this.clock = clock;
    }

    /** @return a writer recovered from what the starts before it left on disk */
    MetadataWriter restart() throws IOException {
        close();
        shards = new ShardSet(shardCount);
        MetadataWriter writer = new MetadataWriter(shards, new DataLayout(dataDir),
                new StorageConfig(1 << 20, false, false), new TopicDefaults(-1L, -1L), clock);
        MetadataRecovery.recover(writer, new DataLayout(dataDir));
        return writer;
    }

    @Override
    public void close() {
        if (shards != null) {
            shards.close();
            shards = null;
        }
    }
}
