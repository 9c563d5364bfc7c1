package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.GroupMember;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataFile;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.spi.cluster.SnapshotFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a snapshot ({@link KernelSnapshots}): closes every partition, links the snapshot's files back
 * under {@code system.path} cut to their recorded lengths, and recovers the kernel from them exactly as at
 * start; with segment files kept across restarts ({@link KeptSegments}), keeps instead the files a
 * partition grew since the snapshot when they are of the snapshot's own incarnation.
 *
 * <p>Runs on the metadata shard; each partition's part on its owner shard.
 */
final class SnapshotInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotInstaller.class);

    private final MetadataWriter metadata;
    private final DataLayout layout;
    private final DataDirFiles dataDir;

    SnapshotInstaller(MetadataWriter metadata, DataLayout layout, DataDirFiles dataDir) {
        this.metadata = metadata;
        this.layout = layout;
        this.dataDir = dataDir;
    }

    /**
     * @param dir          the snapshot directory
     * @param manifest     its manifest
     * @param keep         the kept segment files, or null
     * @param afterRestore runs once the kernel is recovered
     */
    void install(Path dir, SnapshotManifest manifest, KeptSegments keep, Runnable afterRestore) throws IOException {
        closeAll(metadata.current());
        ClusterRuntime.clearDerivedState(layout);
        Files.createDirectories(layout.stateDir());
        Files.createDirectories(layout.streamsDir());
        for (String d : manifest.dirs()) {
            Files.createDirectories(dataDir.resolve(d));
        }
        Map<String, Long> continued = keep == null ? Map.of() : continued(dir, manifest, keep);
        placeFiles(dir, manifest, keep, continued);
        for (String partition : continued.keySet()) {
            keep.adopt(dataDir.resolve(partition));
        }
        MetadataFile.reserveSpace(layout.stateDir());
        MetadataRecovery.recover(metadata, layout);
        Metadata md = metadata.current();
        if (!continued.isEmpty()) {
            holdBackKept(md, continued);
        }
        restoreCursors(md, manifest.cursors());
        restoreMembers(manifest.members());
        afterRestore.run();
        LOG.info("Restored the kernel state from snapshot {} ({} files)", dir.getFileName(), manifest.files().size());
    }

    private void placeFiles(Path dir, SnapshotManifest manifest, KeptSegments keep, Map<String, Long> continued)
            throws IOException {
        for (SnapshotFile f : manifest.files()) {
            Path source = dir.resolve(f.path());
            Path target = dataDir.resolve(f.path());
            Files.createDirectories(target.getParent());
            if (Files.size(source) < f.length()) {
                throw new IOException("snapshot file " + source + " is shorter than its manifest says (" + f.length()
                        + " bytes)");
            }
            if (!KeptSegments.isSegmentFile(source)) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else if (continued.containsKey(dataDir.relative(target.getParent()))) {
                continue;
            } else if (keep != null && keep.holds(target.getParent())) {
                // The snapshot's file may be the kept one (a hard link), grown: cutting it would cut that.
                dataDir.copyPrefix(source, target, f.length());
            } else {
                dataDir.linkOrCopy(source, target, f.length());
                dataDir.truncate(target, f.length());
            }
        }
    }

    /**
     * @return the partitions (directory to published end) whose kept files are of the snapshot's own
     *         incarnation: they continue the snapshot's files, grown by the entries after it
     */
    private Map<String, Long> continued(Path dir, SnapshotManifest manifest, KeptSegments keep) {
        Map<String, Long> continued = new HashMap<>();
        for (SnapshotManifest.End end : manifest.ends()) {
            KeptSegments.Incarnation inSnapshot = KeptSegments.incarnation(dir.resolve(end.dir()));
            Path live = dataDir.resolve(end.dir());
            if (inSnapshot != null && inSnapshot.equals(keep.keptIncarnation(live))) {
                continued.put(end.dir(), end.offset());
            }
        }
        return continued;
    }

    /** Serves the kept partitions only up to the snapshot's published end; the replay publishes the rest. */
    private void holdBackKept(Metadata md, Map<String, Long> continued) {
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (PlacedPartition p : PlacedPartition.all(md, layout::partitionDir)) {
            Long end = continued.get(dataDir.relative(p.dir()));
            if (end != null) {
                held.add(p.onOwner(() -> {
                    p.partition().writeAhead().holdBackAt(end);
                    return null;
                }));
            }
        }
        held.forEach(IoWork::join);
        LOG.info("Kept the segment files of {} partitions grown since the snapshot", continued.size());
    }

    private static void restoreCursors(Metadata md, List<SnapshotManifest.Cursor> cursors) {
        for (SnapshotManifest.Cursor c : cursors) {
            StreamMeta stream = md.streams().get(c.stream());
            TopicMeta topic = stream == null ? null : stream.topics().get(c.topic());
            if (topic != null) {
                topic.balancedCursor().set(c.value());
            }
        }
    }

    private void restoreMembers(List<SnapshotManifest.Member> members) {
        List<ConsumerGroupWriter.Placed> restored = new ArrayList<>();
        for (SnapshotManifest.Member m : members) {
            restored.add(new ConsumerGroupWriter.Placed(m.stream(), m.topic(), m.group(),
                    GroupMember.joining(m.id(), m.key(), null)));
        }
        new ConsumerGroupWriter(metadata).restore(restored);
    }

    private void closeAll(Metadata md) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (PlacedPartition p : PlacedPartition.all(md, layout::partitionDir)) {
            closed.add(p.onOwner(() -> {
                p.partition().close();
                return null;
            }));
        }
        closed.forEach(IoWork::join);
    }
}
