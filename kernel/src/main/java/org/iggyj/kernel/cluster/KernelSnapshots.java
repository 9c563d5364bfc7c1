package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.GroupMember;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataFile;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.spi.cluster.SnapshotFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of the kernel's replicated state (metadata, segments, consumer offsets) for the
 * replication engine, and their restore.
 *
 * <p>Design note: a snapshot is a consistent cut of {@code system.path} taken while no entry is being
 * applied. Every partition is fsynced on its owner shard, then its {@code .log} and {@code .index}
 * files are hard-linked into the snapshot directory (no bytes copied) and their lengths recorded in
 * the {@link SnapshotManifest}; the small files rewritten in place or by rename ({@code state/},
 * consumer offsets) are copied. Segments are append-only, and a deleted segment (retention, purge)
 * stays readable through the snapshot's link, so the first {@code length} bytes of every linked file
 * never change: that prefix is the snapshot. Restoring links the files back under
 * {@code system.path}, cuts each to its recorded length (dropping whatever was applied after the
 * snapshot, which the engine applies again from its log) and recovers the kernel from them, exactly
 * as at start. So restart and catch-up never apply an entry twice nor skip one. When message bytes
 * stay out of the replication log, a restart keeps instead the files a partition grew since the
 * snapshot, if they are of the snapshot's own incarnation ({@link KeptSegments}): the entries replayed
 * after it carry no bytes.
 *
 * <p>Both operations run on the metadata shard (they exclude the node-local metadata writers) and
 * reach each partition on its owner shard, behind the appends already queued there.
 */
public final class KernelSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(KernelSnapshots.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private final MetadataWriter metadata;
    private final DataLayout layout;
    /** The segment files kept across a restart ({@code replication.message_bytes = "segments"}), or null. */
    private volatile KeptSegments kept;
    /** The retention floors, with {@link #kept}; null otherwise. */
    private volatile RetentionFloors floors;
    /** The published ends of the last snapshot written (metadata shard, read on the apply thread after). */
    private volatile List<SnapshotManifest.End> lastEnds = List.of();
    private volatile Runnable afterRestore = () -> { };

    /**
     * @param metadata the metadata writer (its current snapshot names every partition)
     * @param layout   the data directory layout
     */
    public KernelSnapshots(MetadataWriter metadata, DataLayout layout) {
        this.metadata = metadata;
        this.layout = layout;
    }

    /**
     * From now on a restore keeps the segment files a partition grew since the snapshot when they are
     * of the snapshot's incarnation ({@link KeptSegments}).
     *
     * @param segments the kept segment files
     */
    void keepSegments(KeptSegments segments) {
        this.kept = segments;
    }

    /** From now on retention keeps what the engine's log may still need read ({@link RetentionFloors}). */
    void keepRetentionFloors() {
        this.floors = new RetentionFloors(layout);
    }

    /** @return whether retention floors are kept */
    boolean keepsRetentionFloors() {
        return floors != null;
    }

    /**
     * Sets where the retention floors read the log's start, and recomputes them: the engine restores
     * its snapshot while it starts, before this is known, so the floors seeded then are all 0.
     *
     * @param source the first index in the engine's log (for the retention floors), -1 when unknown
     */
    void firstLogIndex(LongSupplier source) {
        RetentionFloors f = floors;
        if (f != null) {
            f.firstLogIndex(source);
            f.apply(metadata.current());
        }
    }

    /**
     * After {@link #snapshot}, on the engine's apply thread: the snapshot's index, for the retention
     * floors ({@link RetentionFloors}).
     *
     * @param index the index the snapshot holds the state of
     */
    void onSnapshotTaken(long index) {
        RetentionFloors f = floors;
        if (f != null) {
            f.onSnapshot(index, lastEnds, metadata.current());
        }
    }

    /** @return the kept segment files, or null */
    KeptSegments kept() {
        return kept;
    }

    /** @param hook runs on the metadata shard after every restore (clustering binds its group members) */
    void afterRestore(Runnable hook) {
        this.afterRestore = hook;
    }

    /** @return the metadata whose state the snapshots hold */
    MetadataWriter metadata() {
        return metadata;
    }

    /**
     * @param dir an empty directory on the data's file system
     * @return every file of the snapshot
     * @throws IOException when a partition cannot be synced or a file linked
     */
    public List<SnapshotFile> snapshot(Path dir) throws IOException {
        return snapshot(dir, -1);
    }

    /**
     * @param dir   an empty directory on the data's file system
     * @param index the log index the snapshot holds the state of (its retention cut), -1 when unknown
     * @return every file of the snapshot
     * @throws IOException when a partition cannot be synced or a file linked
     */
    public List<SnapshotFile> snapshot(Path dir, long index) throws IOException {
        try {
            return onMetadataShard(() -> write(dir, index));
        } catch (RuntimeException e) {
            // A partition that cannot fsync (read-only after a storage failure) fails this snapshot
            // only: the engine keeps its log and tries again at the next threshold.
            throw new IOException("snapshot failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param dir a snapshot directory holding {@link SnapshotManifest#FILE_NAME}
     * @throws IOException when the snapshot is incomplete or cannot be installed
     */
    public void restore(Path dir) throws IOException {
        SnapshotManifest manifest = SnapshotManifest.read(dir);
        onMetadataShard(() -> {
            replaceWith(dir, manifest);
            return null;
        });
        RetentionFloors f = floors;
        if (f != null) {
            f.seed(manifest.cuts(), metadata.current());
        }
    }

    private List<SnapshotFile> write(Path dir, long index) throws IOException {
        Metadata md = metadata.current();
        List<SnapshotFile> files = new ArrayList<>(copyTree(layout.stateDir(), dir));
        List<String> dirs = new ArrayList<>();
        List<SnapshotManifest.Cursor> cursors = new ArrayList<>();
        List<SnapshotManifest.End> ends = new ArrayList<>();
        List<CompletableFuture<List<SnapshotFile>>> linked = new ArrayList<>();
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                cursors.add(new SnapshotManifest.Cursor(s.id(), t.id(), t.balancedCursor().get()));
                for (Partition p : t.partitions()) {
                    Path partitionDir = layout.partitionDir(s.id(), t.id(), p.id());
                    dirs.add(relative(partitionDir));
                    String rel = relative(partitionDir);
                    linked.add(onOwner(p, () -> {
                        p.sync();
                        Map<String, Long> published = p.publishedFileLengths();
                        if (published != null || kept != null) {
                            synchronized (ends) {
                                ends.add(new SnapshotManifest.End(rel, p.publishedEnd()));
                            }
                        }
                        return unchecked(() -> linkPartition(partitionDir, dir, published));
                    }));
                }
            }
        }
        for (CompletableFuture<List<SnapshotFile>> partition : linked) {
            files.addAll(join(partition));
        }
        ends.sort(Comparator.comparing(SnapshotManifest.End::dir));
        lastEnds = List.copyOf(ends);
        RetentionFloors f = floors;
        List<SnapshotManifest.Cut> cuts = f == null ? List.of() : f.manifestCuts(index, lastEnds);
        SnapshotManifest manifest = new SnapshotManifest(dirs, List.copyOf(files), cursors, ends, members(), cuts);
        manifest.write(dir);
        files.add(new SnapshotFile(SnapshotManifest.FILE_NAME, Files.size(dir.resolve(SnapshotManifest.FILE_NAME))));
        return files;
    }

    /**
     * Owner shard of the partition: nothing appends while its files are linked.
     *
     * @param published segment files up to the published end when the partition holds written messages
     *                  back (message bytes out of the replication log): an unpublished tail, which the
     *                  log may still drop, is not part of the state; null: every file whole
     */
    private List<SnapshotFile> linkPartition(Path partitionDir, Path root, Map<String, Long> published)
            throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        for (Path file : regularFiles(partitionDir)) {
            String rel = relative(file);
            Path target = root.resolve(rel);
            long length = Files.size(file);
            if (published != null && isSegmentFile(file)) {
                Long kept = published.get(file.getFileName().toString());
                if (kept == null) {
                    continue;
                }
                length = kept;
            }
            Files.createDirectories(target.getParent());
            if (isSegmentFile(file)) {
                linkOrCopy(file, target, length);
            } else {
                Files.copy(file, target);
            }
            files.add(new SnapshotFile(rel, length));
        }
        return files;
    }

    private List<SnapshotFile> copyTree(Path from, Path root) throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        for (Path file : regularFiles(from)) {
            if (file.getFileName().toString().equals(MetadataFile.RESERVE_FILE_NAME)) {
                continue;
            }
            String rel = relative(file);
            Path target = root.resolve(rel);
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
            files.add(new SnapshotFile(rel, Files.size(target)));
        }
        return files;
    }

    private void replaceWith(Path dir, SnapshotManifest manifest) throws IOException {
        closeAll(metadata.current());
        ClusterRuntime.clearDerivedState(layout);
        Files.createDirectories(layout.stateDir());
        Files.createDirectories(layout.streamsDir());
        for (String d : manifest.dirs()) {
            Files.createDirectories(layout.root().resolve(d));
        }
        KeptSegments keep = kept;
        Map<String, Long> continued = keep == null ? Map.of() : continued(dir, manifest, keep);
        for (SnapshotFile f : manifest.files()) {
            Path source = dir.resolve(f.path());
            Path target = layout.root().resolve(f.path());
            Files.createDirectories(target.getParent());
            if (Files.size(source) < f.length()) {
                throw new IOException("snapshot file " + source + " is shorter than its manifest says (" + f.length()
                        + " bytes)");
            }
            if (isSegmentFile(source)) {
                String partition = relative(target.getParent());
                if (continued.containsKey(partition)) {
                    continue;
                }
                if (keep != null && keep.holds(target.getParent())) {
                    // The snapshot's file may be the kept one (a hard link), grown: cutting it would cut that.
                    copyPrefix(source, target, f.length());
                } else {
                    linkOrCopy(source, target, f.length());
                    truncate(target, f.length());
                }
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String partition : continued.keySet()) {
            keep.adopt(layout.root().resolve(partition));
        }
        MetadataFile.reserveSpace(layout.stateDir());
        MetadataRecovery.recover(metadata, layout);
        Metadata md = metadata.current();
        if (!continued.isEmpty()) {
            holdBackKept(md, continued);
        }
        for (SnapshotManifest.Cursor c : manifest.cursors()) {
            StreamMeta stream = md.streams().get(c.stream());
            TopicMeta topic = stream == null ? null : stream.topics().get(c.topic());
            if (topic != null) {
                topic.balancedCursor().set(c.value());
            }
        }
        restoreMembers(manifest.members());
        LOG.info("Restored the kernel state from snapshot {} ({} files)", dir.getFileName(), manifest.files().size());
    }

    /**
     * @return the partitions (directory to published end) whose kept files are of the snapshot's own
     *         incarnation: they continue the snapshot's files, grown by the entries after it
     */
    private Map<String, Long> continued(Path dir, SnapshotManifest manifest, KeptSegments keep) {
        Map<String, Long> continued = new HashMap<>();
        for (SnapshotManifest.End end : manifest.ends()) {
            KeptSegments.Incarnation inSnapshot = KeptSegments.incarnation(dir.resolve(end.dir()));
            Path live = layout.root().resolve(end.dir());
            if (inSnapshot != null && inSnapshot.equals(keep.keptIncarnation(live))) {
                continued.put(end.dir(), end.offset());
            }
        }
        return continued;
    }

    /** Serves the kept partitions only up to the snapshot's published end; the replay publishes the rest. */
    private void holdBackKept(Metadata md, Map<String, Long> continued) {
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    Long end = continued.get(relative(layout.partitionDir(s.id(), t.id(), p.id())));
                    if (end != null) {
                        held.add(onOwner(p, () -> {
                            p.holdBackAt(end);
                            return null;
                        }));
                    }
                }
            }
        }
        held.forEach(KernelSnapshots::join);
        LOG.info("Kept the segment files of {} partitions grown since the snapshot", continued.size());
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

    private void restoreMembers(List<SnapshotManifest.Member> members) {
        List<ConsumerGroupWriter.Placed> restored = new ArrayList<>();
        for (SnapshotManifest.Member m : members) {
            restored.add(new ConsumerGroupWriter.Placed(m.stream(), m.topic(), m.group(),
                    GroupMember.joining(m.id(), m.key(), null)));
        }
        new ConsumerGroupWriter(metadata).restore(restored);
        afterRestore.run();
    }

    private static void closeAll(Metadata md) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    closed.add(onOwner(p, () -> {
                        p.close();
                        return null;
                    }));
                }
            }
        }
        closed.forEach(KernelSnapshots::join);
    }

    /**
     * A hard link shares the file's bytes; across file systems (an absolute {@code replication.path}
     * elsewhere) the snapshot's prefix is copied instead.
     */
    private static void linkOrCopy(Path source, Path target, long length) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException e) {
            copyPrefix(source, target, length);
        }
    }

    private static void copyPrefix(Path source, Path target, long length) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                done += in.transferTo(done, length - done, out);
            }
            out.force(true);
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() > length) {
                ch.truncate(length);
                ch.force(true);
            }
        }
    }

    private static boolean isSegmentFile(Path file) {
        return KeptSegments.isSegmentFile(file);
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(TEMP_SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    private String relative(Path file) {
        return layout.root().relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static <T> CompletableFuture<T> onOwner(Partition p, Supplier<T> work) {
        if (p.owner().inShard()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return p.owner().submit(work);
    }

    private <T> T onMetadataShard(IoSupplier<T> work) throws IOException {
        try {
            return join(metadata.mutate(() -> unchecked(work)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static <T> T unchecked(IoSupplier<T> work) {
        try {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
