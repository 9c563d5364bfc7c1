package org.iggyj.cluster;

import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.iggyj.spi.KernelConfig;

/**
 * When this member snapshots the kernel state and how much Raft log it keeps, from
 * {@code [cluster.replication]}.
 *
 * <p>Design note: the log is purged up to each snapshot (less {@code logRetainedEntries}) even when a
 * follower has not reached it yet, so a node that is down does not make the others' logs grow
 * without bound; a follower that comes back behind the purged part receives the snapshot instead.
 * Ratis purges whole closed log segments, so {@code logSegmentSizeBytes} is also the purge grain.
 *
 * <p>It is also what bounds the Raft log's cache on the heap: Ratis keeps every entry of the open
 * segment and of up to {@link #CACHED_CLOSED_SEGMENTS} closed ones (its defaults: six, up to 200 MB,
 * with the open one on top). Each send is one entry holding the message bytes, ~1 MiB for a batch of
 * 1,000 1 KiB messages, i.e. a humongous object for G1 (1 MiB regions in a 1 GiB heap). With 64 MiB
 * segments a node held ~370 MiB of them; G1 then ran a concurrent mark cycle at almost every
 * entry (heap above its initiating occupancy) and could not reclaim the evicted ones in young
 * collections, because old cache objects had pointed at them. 8 MiB segments and two cached closed
 * ones keep the cache at about 24 MiB: entries die young and young collections reclaim them (measured
 * in docs/cluster.md, "Third round"). Entries still needed by a follower are evicted last; a follower
 * far behind reads them back from the segment files. Ratis measures a segment by its entries as
 * cached: whole in {@code raft_log} mode; in {@code segments} mode, where the cache keeps headers only
 * ({@code caching.enabled}), by the ~130-byte headers, so a segment then holds some 60,000 entries and
 * the purge grain is that many entries; segments down to 16 KiB (~125 headers) give a finer one.
 *
 * @param threshold           entries applied since the last snapshot that trigger the next; 0 = never
 * @param logRetainedEntries  entries kept in the log below a snapshot, for followers a little behind
 * @param logSegmentSizeBytes size of one Raft log segment file
 */
record SnapshotPolicy(long threshold, long logRetainedEntries, long logSegmentSizeBytes) {

    static final long DEFAULT_THRESHOLD = 100_000;
    static final long DEFAULT_RETAINED = 1_024;
    static final long DEFAULT_SEGMENT_BYTES = 8L << 20;
    /** Closed segments whose entries Ratis keeps on the heap, besides the open segment's. */
    static final int CACHED_CLOSED_SEGMENTS = 2;
    private static final long MAX_PREALLOCATED_BYTES = 4L << 20;
    private static final long MIN_SEGMENT_BYTES = 16 << 10;

    /**
     * @param cluster the {@code [cluster]} section
     * @return the policy
     * @throws IllegalArgumentException on a negative value or a segment smaller than 16 KiB
     */
    static SnapshotPolicy of(KernelConfig cluster) {
        long threshold = cluster.integer("replication.snapshot_threshold", DEFAULT_THRESHOLD);
        long retained = cluster.integer("replication.log_retained_entries", DEFAULT_RETAINED);
        long segment = cluster.bytes("replication.log_segment_size", DEFAULT_SEGMENT_BYTES);
        if (threshold < 0 || retained < 0) {
            throw new IllegalArgumentException("[cluster.replication] snapshot_threshold and log_retained_entries "
                    + "must not be negative");
        }
        if (segment < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("[cluster.replication] log_segment_size must be at least 16 KiB");
        }
        return new SnapshotPolicy(threshold, retained, segment);
    }

    void applyTo(RaftProperties props) {
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, threshold > 0);
        // A graceful stop snapshots too (Ratis's default), so the next start replays nothing.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(props, threshold > 0);
        // Ratis's gaps (at least this many entries between two snapshots, and between two purges)
        // default to 1,024 entries; a smaller threshold lowers them with it.
        long gap = Math.max(1, Math.min(threshold, 1_024));
        if (threshold > 0) {
            RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, threshold);
            RaftServerConfigKeys.Snapshot.setCreationGap(props, gap);
        }
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(props, logRetainedEntries);
        RaftServerConfigKeys.Log.setPurgeGap(props, (int) gap);
        RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf(logSegmentSizeBytes));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(props, CACHED_CLOSED_SEGMENTS);
        RaftServerConfigKeys.Log.setPreallocatedSize(props,
                SizeInBytes.valueOf(Math.min(MAX_PREALLOCATED_BYTES, logSegmentSizeBytes)));
    }
}
