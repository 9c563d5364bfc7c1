package org.iggyj.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.config.SystemConfig;
import org.iggyj.kernel.crypto.KeyCheck;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.MetadataFile;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicDefaults;
import org.iggyj.kernel.partition.DeduplicationConfig;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.FileOpener;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.kernel.storage.StorageIo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code system.path} as the server runs it: the shards that own the partitions, the metadata writer
 * over them and the free-space monitor. Opened (recovered, root user ensured) before anything is served;
 * closed last, once every partition is fsynced and closed on its owner shard.
 *
 * <p>Opened on the thread that starts the server; closed under the server's lock.
 */
final class KernelStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KernelStorage.class);

    private final ServerConfig config;
    private final DataLayout layout;
    private final ShardSet shards;
    private final DiskSpace diskSpace;
    private final MetadataWriter metadata;

    /**
     * @param config the effective configuration ({@code [system]}, {@code [free_space]})
     * @param files  how segment files are opened
     * @param clock  the clock handlers read (pinned per entry with clustering)
     */
    KernelStorage(ServerConfig config, FileOpener files, MicrosClock clock) {
        this.config = config;
        SystemConfig system = config.system();
        this.shards = new ShardSet(system.shardCount());
        this.layout = new DataLayout(system.path());
        this.diskSpace = DiskSpace.monitor(system.path(), config.freeSpace().minFreeSpaceBytes());
        StorageConfig storage = new StorageConfig(system.segmentSizeBytes(), system.partitionEnforceFsync(),
                system.validateChecksum(), new StorageIo(files, diskSpace));
        this.metadata = new MetadataWriter(shards, layout, storage,
                new TopicDefaults(system.topicMessageExpiryUs(), system.topicMaxSizeBytes()), clock,
                new DeduplicationConfig(system.dedupEnabled(), system.dedupMaxEntries(),
                        TimeUnit.MICROSECONDS.convert(system.dedupExpiry())));
    }

    /**
     * Prepares the data directory, checks the encryption key against it and recovers the metadata;
     * creates the root user when there is none yet.
     */
    void open(MessageCrypto crypto, RootCredentials root) throws IOException {
        Files.createDirectories(layout.stateDir());
        Files.createDirectories(layout.streamsDir());
        diskSpace.start(config.freeSpace().checkInterval());
        MetadataFile.reserveSpace(layout.stateDir());
        KeyCheck.verify(crypto, layout.stateDir(), layout.streamsDir());
        MetadataRecovery.recover(metadata, layout);
        RootUserBootstrap.ensureRoot(metadata, root);
    }

    DataLayout layout() {
        return layout;
    }

    MetadataWriter metadata() {
        return metadata;
    }

    DiskSpace diskSpace() {
        return diskSpace;
    }

    /** Fsyncs and closes every partition, then stops the shards; the free-space monitor is the caller's. */
    void close() {
        try {
            ShutdownFlush.closeAll(metadata.current());
        } catch (RuntimeException e) {
            LOG.error("Flushing partitions at shutdown failed", e);
        }
        shards.close();
    }
}
