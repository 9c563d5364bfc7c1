package org.iggyj.kernel.cluster;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;

/**
 * The offsets retention must keep because a replication leader may still {@code read} them for a
 * lagging follower ({@code replication.message_bytes = "segments"}; docs/cluster.md, "Message bytes
 * and the Raft log", point 7).
 *
 * <p>Design note: the leader reads the bytes of entries still in its log; entries before the log's
 * first index reach a follower only inside a snapshot, whose hard links keep their segments readable.
 * So a partition's floor is the published end at the newest snapshot taken below the log's first
 * index: every send logged after that snapshot was ordered at or beyond that end. Each snapshot this
 * node takes is remembered as a cut (partition to published end and incarnation); a cut of another
 * incarnation of the partition (purged or re-created since) and a partition no cut knows give floor 0,
 * as does a node that has no cut below its log's start yet (no snapshot purged from its log so far:
 * the log then holds every entry, and retention waits, keeping no more than the log itself would hold
 * with the bytes inside). The cuts still needed travel in each snapshot's manifest, so a restarted
 * node, and one that installed the leader's snapshot, start from the same cuts as the node that took
 * it (log indexes, published ends and markers are the same on every member). Floors are recomputed
 * after each snapshot (the log's start only moves when one is taken), after a restore, and a partition
 * made empty by a reshaping entry gets 0.
 *
 * <p>Thread-safe (synchronized, a few calls per snapshot): snapshots and restores call it on the
 * engine's apply thread, {@link #manifestCuts} on the metadata shard, and the startup thread once the
 * log's start is known.
 */
final class RetentionFloors {

    private final DataLayout layout;
    private final Deque<Cut> cuts = new ArrayDeque<>();
    private volatile LongSupplier firstLogIndex = () -> -1;

    /** The published ends of the partitions at a snapshot. */
    private record Cut(long index, Map<String, Floor> ends) {
    }

    private record Floor(long end, KeptSegments.Incarnation incarnation) {
    }

    /** @param layout the data directory layout */
    RetentionFloors(DataLayout layout) {
        this.layout = layout;
    }

    /** @param source the first index in the engine's log, -1 when unknown */
    void firstLogIndex(LongSupplier source) {
        this.firstLogIndex = source;
    }

    /**
     * @param index the snapshot's index
     * @param ends  its manifest's published ends
     * @param md    the metadata
     */
    synchronized void onSnapshot(long index, List<SnapshotManifest.End> ends, Metadata md) {
        cuts.addLast(cutOf(index, ends));
        apply(md);
    }

    /**
     * @param index the index of the snapshot being written, -1 when unknown (no cut of its own)
     * @param ends  its published ends
     * @return every cut the floors may still need, this snapshot's last, for its manifest
     */
    synchronized List<SnapshotManifest.Cut> manifestCuts(long index, List<SnapshotManifest.End> ends) {
        List<SnapshotManifest.Cut> out = new ArrayList<>();
        List<Cut> all = new ArrayList<>(cuts);
        if (index >= 0) {
            all.add(cutOf(index, ends));
        }
        for (Cut c : all) {
            c.ends().forEach((dir, f) -> {
                if (f.incarnation() != null) {
                    out.add(new SnapshotManifest.Cut(c.index(), dir, f.end(), f.incarnation()));
                }
            });
        }
        out.sort(Comparator.comparingLong(SnapshotManifest.Cut::index).thenComparing(SnapshotManifest.Cut::dir));
        return out;
    }

    /**
     * After a restore: the cuts are those of the restored snapshot's manifest.
     *
     * @param restored the manifest's cuts, oldest first
     * @param md       the restored metadata
     */
    synchronized void seed(List<SnapshotManifest.Cut> restored, Metadata md) {
        cuts.clear();
        Map<Long, Map<String, Floor>> byIndex = new TreeMap<>();
        for (SnapshotManifest.Cut c : restored) {
            byIndex.computeIfAbsent(c.index(), i -> new HashMap<>()).put(c.dir(), new Floor(c.end(), c.incarnation()));
        }
        byIndex.forEach((index, ends) -> cuts.addLast(new Cut(index, ends)));
        apply(md);
    }

    private Cut cutOf(long index, List<SnapshotManifest.End> ends) {
        Map<String, Floor> cut = new HashMap<>();
        for (SnapshotManifest.End e : ends) {
            cut.put(e.dir(), new Floor(e.offset(), KeptSegments.incarnation(layout.root().resolve(e.dir()))));
        }
        return new Cut(index, cut);
    }

    /** Sets every partition's floor from the newest cut below the log's first index. */
    synchronized void apply(Metadata md) {
        long first = firstLogIndex.getAsLong();
        Cut below = null;
        for (Iterator<Cut> it = cuts.descendingIterator(); it.hasNext(); ) {
            Cut c = it.next();
            if (first >= 0 && c.index() < first) {
                below = c;
                break;
            }
        }
        while (below != null && cuts.peekFirst() != below) {
            cuts.removeFirst();
        }
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    p.retention().floor(floor(below, layout.partitionDir(s.id(), t.id(), p.id())));
                }
            }
        }
    }

    private long floor(Cut below, Path partitionDir) {
        if (below == null) {
            return 0;
        }
        Floor f = below.ends().get(layout.root().relativize(partitionDir).toString().replace('\\', '/'));
        if (f == null || f.incarnation() == null || !f.incarnation().equals(KeptSegments.incarnation(partitionDir))) {
            return 0;
        }
        return f.end();
    }
}
