package org.iggyj.kernel.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.iggyj.kernel.partition.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the metadata snapshot at startup: reads {@code state/metadata.json}, opens (and so
 * recovers) every partition on its owner shard, and removes stream, topic and partition
 * directories that the snapshot does not name (left by a crash between the two steps of a create
 * or delete).
 */
public final class MetadataRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataRecovery.class);

    private MetadataRecovery() {
    }

    /**
     * @param writer the writer to install the recovered snapshot into
     * @param layout where the data lives
     * @throws IOException when the metadata file cannot be read
     */
    public static void recover(MetadataWriter writer, DataLayout layout) throws IOException {
        MetadataFile file = MetadataFile.load(layout.stateDir());
        Metadata md = Metadata.EMPTY;
        List<Partition> all = new ArrayList<>();
        Set<Path> known = new HashSet<>();
        for (MetadataFile.StreamDoc s : file.streams()) {
            TreeMap<Long, TopicMeta> topics = new TreeMap<>();
            known.add(layout.streamDir(s.id()));
            for (MetadataFile.TopicDoc t : s.topics()) {
                known.add(layout.topicDir(s.id(), t.id()));
                List<Partition> partitions = new ArrayList<>();
                for (MetadataFile.PartitionDoc p : t.partitions()) {
                    Partition partition = writer.newPartition(s.id(), t.id(), p.id(), p.createdAtUs());
                    known.add(layout.partitionDir(s.id(), t.id(), p.id()));
                    partitions.add(partition);
                }
                all.addAll(partitions);
                topics.put(t.id(), new TopicMeta(t.id(), t.name(), t.createdAtUs(), t.compression(),
                        t.messageExpiryUs(), t.maxTopicSizeBytes(), t.replicationFactor(), List.copyOf(partitions),
                        new AtomicLong(), recoverGroups(t)));
            }
            md = md.withStream(new StreamMeta(s.id(), s.name(), s.createdAtUs(),
                    Collections.unmodifiableNavigableMap(topics)));
        }
        for (MetadataFile.UserDoc u : file.users()) {
            List<TokenRecord> tokens = new ArrayList<>();
            if (u.tokens() != null) {
                u.tokens().forEach(t -> tokens.add(new TokenRecord(t.name(), t.hash(), t.expiryAtUs())));
            }
            md = md.withUser(new UserRecord(u.id(), u.username(), u.passwordHash(), u.status(), u.createdAtUs(),
                    u.permissions(), tokens));
        }
        removeOrphans(layout, known);
        MetadataWriter.onOwners(all, Partition::open);
        writer.install(md);
        LOG.info("Recovered {} streams, {} partitions, {} users", md.streams().size(), all.size(), md.users().size());
    }

    private static NavigableMap<Long, ConsumerGroupMeta> recoverGroups(MetadataFile.TopicDoc topic) {
        TreeMap<Long, ConsumerGroupMeta> groups = new TreeMap<>();
        if (topic.consumerGroups() != null) {
            topic.consumerGroups().forEach(g -> groups.put(g.id(), ConsumerGroupMeta.empty(g.id(), g.name())));
        }
        return Collections.unmodifiableNavigableMap(groups);
    }

    private static void removeOrphans(DataLayout layout, Set<Path> known) throws IOException {
        Path streams = layout.streamsDir();
        if (!Files.isDirectory(streams)) {
            return;
        }
        List<Path> orphans = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(streams, 5)) {
            dirs.filter(Files::isDirectory)
                    .filter(d -> isEntityDir(streams, d))
                    .filter(d -> !known.contains(d))
                    .forEach(orphans::add);
        }
        for (Path orphan : orphans) {
            if (Files.exists(orphan)) {
                LOG.warn("Removing {}: not in the metadata (left by an interrupted create or delete)", orphan);
                FileTrees.delete(orphan);
            }
        }
    }

    /** Stream, topic and partition directories sit at depths 1, 3 and 5 below streams/. */
    private static boolean isEntityDir(Path streams, Path dir) {
        if (dir.equals(streams)) {
            return false;
        }
        int depth = streams.relativize(dir).getNameCount();
        return depth == 1 || depth == 3 || depth == 5;
    }
}
