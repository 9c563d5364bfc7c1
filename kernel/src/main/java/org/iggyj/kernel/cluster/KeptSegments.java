package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.iggyj.kernel.metadata.DataLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions' segment files as a node left them, kept across its restart when the replication
 * engine keeps message bytes out of its log ({@code replication.message_bytes = "segments"};
 * docs/cluster.md, "Message bytes and the Raft log", point 8).
 *
 * <p>Design note: in that mode the entries a restarted node replays after its snapshot carry no bytes;
 * their bytes are in the segment files the node wrote before it stopped. At start those files are set
 * aside ({@code <system.path>/streams.kept/}, a rename) instead of deleted, and each partition directory
 * is adopted back when the state being rebuilt reaches the very incarnation that wrote it. An
 * incarnation is named by a marker file in the partition directory, {@value #MARKER}: the partition's
 * creation time and the index of the last partition-reshaping entry applied while the partition was
 * empty (its create, a purge, or a reshape of another partition before its first message). Every send
 * written into that incarnation was logged after that entry, and every send of an earlier incarnation
 * (before a purge or a delete and re-create) before it, so equal markers mean the kept bytes are the
 * ones the replayed entries refer to. The marker is the same on every node (both fields come from the
 * log) and travels in snapshots like any small file. A kept directory is adopted either when the
 * snapshot being restored holds the same marker (then its files continue the snapshot's, grown), or
 * when the replay applies the reshaping entry that writes that marker; a kept directory whose marker
 * is at or below the index of a newer snapshot can no longer be adopted and is deleted.
 *
 * <p>Threads: set aside at start before anything runs; adoption on the partition's owner shard (its
 * directory only); {@link #dropUpTo} on the engine's apply thread while no entry applies.
 */
final class KeptSegments {

    private static final Logger LOG = LoggerFactory.getLogger(KeptSegments.class);
    /** The marker file's name in a partition directory. */
    static final String MARKER = "iggyj-incarnation";
    private static final String KEPT_DIR = "streams.kept";
    /** stream/topics/topic/partitions/partition under the streams directory. */
    private static final int PARTITION_DEPTH = 5;

    private final DataLayout layout;
    private final Path root;

    /**
     * A partition incarnation.
     *
     * @param createdAtUs the partition's creation time
     * @param index       the index of the last reshaping entry applied while it was empty
     */
    record Incarnation(long createdAtUs, long index) {
    }

    /** @param layout the data directory layout */
    KeptSegments(DataLayout layout) {
        this.layout = layout;
        this.root = layout.root().resolve(KEPT_DIR);
    }

    /**
     * At start, before the state is rebuilt: moves {@code streams/} aside. What a previous start set
     * aside and did not adopt yet stays, unless the partition's live directory holds the same or a
     * later incarnation.
     *
     * @throws IOException when the files cannot be moved
     */
    void setAside() throws IOException {
        Path streams = layout.streamsDir();
        if (!Files.exists(streams)) {
            return;
        }
        if (!Files.exists(root)) {
            Files.move(streams, root, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Kept the segment files of the last run for the entries replayed after the snapshot");
            return;
        }
        for (Path live : partitionDirs(streams)) {
            Path kept = keptDir(streams.relativize(live));
            Incarnation liveInc = incarnation(live);
            Incarnation keptInc = incarnation(kept);
            if (liveInc == null || keptInc != null && keptInc.index() > liveInc.index()) {
                continue;
            }
            deleteTree(kept);
            Files.createDirectories(kept.getParent());
            Files.move(live, kept, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteTree(streams);
    }

    /** @return the live directory of a partition */
    Path partitionDir(long streamId, long topicId, long partitionId) {
        return layout.partitionDir(streamId, topicId, partitionId);
    }

    /**
     * @param partitionDir a partition's live directory
     * @return the incarnation of the files kept for it, or null
     */
    Incarnation keptIncarnation(Path partitionDir) {
        return incarnation(keptDir(partitionDir));
    }

    /** @return whether a directory is kept for {@code partitionDir} */
    boolean holds(Path partitionDir) {
        return Files.isDirectory(keptDir(partitionDir));
    }

    /**
     * Moves the kept segment files of {@code partitionDir} into it, replacing those of the same name,
     * and forgets the kept directory. The partition must be closed.
     *
     * @param partitionDir a partition's live directory
     * @throws IOException when a file cannot be moved
     */
    void adopt(Path partitionDir) throws IOException {
        Path kept = keptDir(partitionDir);
        Files.createDirectories(partitionDir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(kept)) {
            for (Path f : files) {
                if (isSegmentFile(f)) {
                    Files.move(f, partitionDir.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        deleteTree(kept);
        LOG.info("Adopted the kept segment files of {}", layout.root().relativize(partitionDir));
    }

    /**
     * Deletes the kept directories no replay can adopt any more: those of incarnations at or below a
     * snapshot's index, and those without a marker.
     *
     * @param index the index of the snapshot just taken
     */
    void dropUpTo(long index) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            for (Path kept : partitionDirs(root)) {
                Incarnation inc = incarnation(kept);
                if (inc == null || inc.index() <= index) {
                    deleteTree(kept);
                }
            }
            if (partitionDirs(root).isEmpty()) {
                deleteTree(root);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete kept segment files under {}", root, e);
        }
    }

    /**
     * @param partitionDir a partition directory
     * @return its marker, or null when it has none (or an unreadable one)
     */
    static Incarnation incarnation(Path partitionDir) {
        Path marker = partitionDir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            String[] f = Files.readString(marker, StandardCharsets.UTF_8).trim().split(" ");
            return new Incarnation(Long.parseLong(f[0]), Long.parseLong(f[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes the marker durably (a torn one reads as none: the kept files are then not adopted).
     *
     * @param partitionDir a partition directory
     * @param incarnation  its incarnation
     * @throws IOException when it cannot be written
     */
    static void mark(Path partitionDir, Incarnation incarnation) throws IOException {
        Files.writeString(partitionDir.resolve(MARKER), incarnation.createdAtUs() + " " + incarnation.index() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    static boolean isSegmentFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") || name.endsWith(".index");
    }

    private Path keptDir(Path partitionDir) {
        Path rel = partitionDir.isAbsolute() ? layout.streamsDir().relativize(partitionDir) : partitionDir;
        return root.resolve(rel.toString());
    }

    private static List<Path> partitionDirs(Path under) throws IOException {
        if (!Files.isDirectory(under)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(under, PARTITION_DEPTH)) {
            return new ArrayList<>(walk.filter(p -> under.relativize(p).getNameCount() == PARTITION_DEPTH)
                    .filter(Files::isDirectory).toList());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
