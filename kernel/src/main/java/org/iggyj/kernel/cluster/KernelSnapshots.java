package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.spi.cluster.SnapshotFile;

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
 * <p>Design note: {@link SnapshotWriter} takes a snapshot, {@link SnapshotInstaller} restores one, both
 * through {@link DataDirFiles}; this class holds what lasts between them (the retention floors, the
 * published ends of the last snapshot) and runs both on the metadata shard.
 *
 * <p>Both operations run on the metadata shard (they exclude the node-local metadata writers) and
 * reach each partition on its owner shard, behind the appends already queued there.
 */
public final class KernelSnapshots {

    private final MetadataWriter metadata;
    private final DataLayout layout;
    private final SnapshotWriter writer;
    private final SnapshotInstaller installer;
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
        DataDirFiles dataDir = new DataDirFiles(layout.root());
        this.writer = new SnapshotWriter(metadata, layout, dataDir);
        this.installer = new SnapshotInstaller(metadata, layout, dataDir);
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
            installer.install(dir, manifest, kept, afterRestore);
            return null;
        });
        RetentionFloors f = floors;
        if (f != null) {
            f.seed(manifest.cuts(), metadata.current());
        }
    }

    private List<SnapshotFile> write(Path dir, long index) throws IOException {
        SnapshotWriter.Taken taken = writer.write(dir, index, kept != null, floors);
        lastEnds = taken.ends();
        return taken.files();
    }

    private <T> T onMetadataShard(IoWork<T> work) throws IOException {
        try {
            return IoWork.join(metadata.mutate(work::unchecked));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
