package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataFile;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.spi.cluster.SnapshotFile;

/**
 * Takes a snapshot ({@link KernelSnapshots}): copies {@code state/}, fsyncs every partition on its owner
 * shard and links its files into the snapshot directory, then writes the {@link SnapshotManifest}.
 *
 * <p>Runs on the metadata shard, which excludes the node-local metadata writers; each partition's part
 * on its owner shard, behind the appends already queued there.
 */
final class SnapshotWriter {

    /**
     * @param files every file of the snapshot, the manifest last
     * @param ends  the published ends recorded, by directory
     */
    record Taken(List<SnapshotFile> files, List<SnapshotManifest.End> ends) {
    }

    private final MetadataWriter metadata;
    private final DataLayout layout;
    private final DataDirFiles dataDir;

    SnapshotWriter(MetadataWriter metadata, DataLayout layout, DataDirFiles dataDir) {
        this.metadata = metadata;
        this.layout = layout;
        this.dataDir = dataDir;
    }

    /**
     * @param dir     an empty directory on the data's file system
     * @param index   the log index the snapshot holds the state of (its retention cut), -1 when unknown
     * @param allEnds whether to record every partition's published end (segment files kept across
     *                restarts), not only those of partitions holding written messages back
     * @param floors  the retention floors, or null
     */
    Taken write(Path dir, long index, boolean allEnds, RetentionFloors floors) throws IOException {
        Metadata md = metadata.current();
        List<SnapshotManifest.Cursor> cursors = cursors(md);
        List<SnapshotFile> files = new ArrayList<>(copyState(dir));
        List<String> dirs = new ArrayList<>();
        List<SnapshotManifest.End> ends = new ArrayList<>();
        List<CompletableFuture<List<SnapshotFile>>> linked = new ArrayList<>();
        for (PlacedPartition p : PlacedPartition.all(md, layout::partitionDir)) {
            String rel = dataDir.relative(p.dir());
            dirs.add(rel);
            linked.add(p.onOwner(() -> syncAndLink(p, rel, dir, allEnds, ends)));
        }
        for (CompletableFuture<List<SnapshotFile>> partition : linked) {
            files.addAll(IoWork.join(partition));
        }
        ends.sort(Comparator.comparing(SnapshotManifest.End::dir));
        List<SnapshotManifest.End> taken = List.copyOf(ends);
        List<SnapshotManifest.Cut> cuts = floors == null ? List.of() : floors.manifestCuts(index, taken);
        new SnapshotManifest(dirs, List.copyOf(files), cursors, ends, members(), cuts).write(dir);
        files.add(new SnapshotFile(SnapshotManifest.FILE_NAME, Files.size(dir.resolve(SnapshotManifest.FILE_NAME))));
        return new Taken(files, taken);
    }

    private static List<SnapshotManifest.Cursor> cursors(Metadata md) {
        List<SnapshotManifest.Cursor> cursors = new ArrayList<>();
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                cursors.add(new SnapshotManifest.Cursor(s.id(), t.id(), t.balancedCursor().get()));
            }
        }
        return cursors;
    }

    /** Owner shard of the partition: nothing appends while its files are linked. */
    private List<SnapshotFile> syncAndLink(PlacedPartition placed, String rel, Path root, boolean allEnds,
                                           List<SnapshotManifest.End> ends) {
        Partition p = placed.partition();
        p.sync();
        Map<String, Long> published = p.writeAhead().publishedFileLengths();
        if (published != null || allEnds) {
            synchronized (ends) {
                ends.add(new SnapshotManifest.End(rel, p.writeAhead().publishedEnd()));
            }
        }
        IoWork<List<SnapshotFile>> link = () -> linkPartition(placed.dir(), root, published);
        return link.unchecked();
    }

    /**
     * @param published segment files up to the published end when the partition holds written messages
     *                  back (message bytes out of the replication log): an unpublished tail, which the
     *                  log may still drop, is not part of the state; null: every file whole
     */
    private List<SnapshotFile> linkPartition(Path partitionDir, Path root, Map<String, Long> published)
            throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        for (Path file : dataDir.regularFiles(partitionDir)) {
            String rel = dataDir.relative(file);
            Path target = root.resolve(rel);
            long length = Files.size(file);
            if (published != null && KeptSegments.isSegmentFile(file)) {
                Long kept = published.get(file.getFileName().toString());
                if (kept == null) {
                    continue;
                }
                length = kept;
            }
            Files.createDirectories(target.getParent());
            if (KeptSegments.isSegmentFile(file)) {
                dataDir.linkOrCopy(file, target, length);
            } else {
                Files.copy(file, target);
            }
            files.add(new SnapshotFile(rel, length));
        }
        return files;
    }

    /** The small files rewritten in place or by rename are copied whole, but for the space reserve. */
    private List<SnapshotFile> copyState(Path root) throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        for (Path file : dataDir.regularFiles(layout.stateDir())) {
            if (file.getFileName().toString().equals(MetadataFile.RESERVE_FILE_NAME)) {
                continue;
            }
            String rel = dataDir.relative(file);
            Path target = root.resolve(rel);
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
            files.add(new SnapshotFile(rel, Files.size(target)));
        }
        return files;
    }

    /** Consumer group members are replicated state held in memory only: the manifest carries them. */
    private List<SnapshotManifest.Member> members() {
        List<SnapshotManifest.Member> members = new ArrayList<>();
        for (ConsumerGroupWriter.Placed p : new ConsumerGroupWriter(metadata).members()) {
            members.add(new SnapshotManifest.Member(p.streamId(), p.topicId(), p.groupId(), p.member().id(),
                    p.member().key()));
        }
        return members;
    }
}
