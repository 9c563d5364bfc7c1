package org.iggyj.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this member's snapshots live: one directory per snapshot, {@code snapshot.<term>_<index>},
 * under the Raft storage's state-machine directory ({@code <replication.path>/<group>/sm}). Its
 * content is the kernel's (see {@code KernelSnapshots}); a directory exists under its final name
 * only once complete (written as {@code .tmp}, then renamed; or, when received from the leader,
 * renamed into place by Ratis after the last chunk).
 *
 * <p>Ratis sends a snapshot to a follower file by file from {@link SnapshotInfo#getFiles()}; the
 * files of the kernel's snapshot may be hard links shared with live segments that grew since, so
 * the list is made when asked (each file's current length; the kernel cuts a restored file to the
 * length in its manifest). Only the latest snapshot is kept.
 *
 * <p>Thread-safe: Ratis calls it from its updater and log appender threads.
 */
final class SnapshotStore implements StateMachineStorage {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final String TEMP_SUFFIX = ".tmp";

    private volatile File smDir;
    private volatile File tmpDir;
    private volatile Latest latest;

    /** The latest snapshot: its term and index, and its directory. */
    record Latest(TermIndex termIndex, Path dir) {
    }

    @Override
    public void init(RaftStorage storage) throws IOException {
        smDir = storage.getStorageDir().getStateMachineDir();
        tmpDir = storage.getStorageDir().getTmpDir();
        Files.createDirectories(smDir.toPath());
        Files.createDirectories(tmpDir.toPath());
        reload();
    }

    /** Finds the latest complete snapshot again (after start, or after Ratis installed one). */
    void reload() throws IOException {
        Latest found = null;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(smDir.toPath())) {
            for (Path dir : dirs) {
                Matcher m = NAME.matcher(dir.getFileName().toString());
                if (Files.isDirectory(dir) && m.matches()) {
                    TermIndex ti = TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                    if (found == null || ti.getIndex() > found.termIndex().getIndex()) {
                        found = new Latest(ti, dir);
                    }
                }
            }
        }
        latest = found;
    }

    /** @return the latest complete snapshot, or null */
    Latest latest() {
        return latest;
    }

    /**
     * @param ti the snapshot's term and index
     * @return a new empty directory to write the snapshot into, published by {@link #publish}
     */
    Path newSnapshotDir(TermIndex ti) throws IOException {
        Path dir = smDir.toPath().resolve(name(ti) + TEMP_SUFFIX);
        if (Files.exists(dir)) {
            delete(dir);
        }
        return Files.createDirectories(dir);
    }

    /** Renames a written snapshot to its final name: from now on it is the latest. */
    void publish(Path written, TermIndex ti) throws IOException {
        Path dir = smDir.toPath().resolve(name(ti));
        Files.move(written, dir, StandardCopyOption.ATOMIC_MOVE);
        latest = new Latest(ti, dir);
    }

    private static String name(TermIndex ti) {
        return "snapshot." + ti.getTerm() + "_" + ti.getIndex();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        Latest current = latest;
        return current == null ? null : new DirectorySnapshot(current);
    }

    @Override
    public void format() {
        // Nothing to prepare: init creates the directories.
    }

    /** Deletes every snapshot but the latest, and leftovers of interrupted ones. */
    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        Latest keep = latest;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(smDir.toPath())) {
            for (Path dir : dirs) {
                if (keep == null || !dir.equals(keep.dir())) {
                    delete(dir);
                }
            }
        }
    }

    @Override
    public File getSnapshotDir() {
        return smDir;
    }

    @Override
    public File getTmpDir() {
        return tmpDir;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        LOG.debug("Deleted old snapshot {}", root);
    }

    /** A snapshot directory as Ratis sees it: its files listed when Ratis is about to send them. */
    private static final class DirectorySnapshot implements SnapshotInfo {

        private final Latest snapshot;

        DirectorySnapshot(Latest snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public TermIndex getTermIndex() {
            return snapshot.termIndex();
        }

        @Override
        public List<FileInfo> getFiles() {
            List<FileInfo> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(snapshot.dir())) {
                // Ratis's .md5 files (written next to the files of a received snapshot) are not ours.
                walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md5"))
                        .sorted().forEach(p -> files.add(new FileInfo(p, null)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list snapshot " + snapshot.dir(), e);
            }
            return files;
        }

        @Override
        public String toString() {
            return "snapshot " + snapshot.termIndex() + " in " + snapshot.dir();
        }
    }
}
