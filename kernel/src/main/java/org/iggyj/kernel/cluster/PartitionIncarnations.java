package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each partition-reshaping entry, names every empty partition as an incarnation of that entry
 * ({@link KeptSegments}, docs/cluster.md point 8) and adopts the segment files a previous run kept for
 * that very incarnation.
 *
 * <p>Design note: nothing is written in place into a partition before the reshape its send follows is
 * applied (the barrier, {@link SendSequencer}), so a partition empty here has no message of a later send
 * yet, and the kept files, if of its incarnation, are exactly its continuation.
 *
 * <p>Threads: {@link #onReshapeApplied} on the apply thread; each partition's part on its owner shard.
 */
final class PartitionIncarnations {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionIncarnations.class);

    private final MetadataWriter metadata;
    private final KeptSegments kept;
    /** Whether empty partitions get retention floor 0 ({@link RetentionFloors}). */
    private volatile boolean retentionFloors;

    /**
     * @param metadata the metadata (its current snapshot names every partition)
     * @param kept     the segment files kept across a restart
     */
    PartitionIncarnations(MetadataWriter metadata, KeptSegments kept) {
        this.metadata = metadata;
        this.kept = kept;
    }

    /** From now on a partition made empty by a reshape gets retention floor 0 ({@link RetentionFloors}). */
    void keepRetentionFloors() {
        this.retentionFloors = true;
    }

    /** Marks every empty partition after the reshaping entry at {@code index}; waits for all of them. */
    void onReshapeApplied(long index) {
        List<CompletableFuture<Void>> marked = new ArrayList<>();
        for (PlacedPartition p : PlacedPartition.all(metadata.current(), kept::partitionDir)) {
            marked.add(p.onOwner(() -> {
                markIfEmpty(index, p);
                return null;
            }));
        }
        for (CompletableFuture<Void> m : marked) {
            try {
                m.join();
            } catch (RuntimeException e) {
                LOG.error("Cannot mark the incarnation of a partition at log entry {}", index, e);
            }
        }
    }

    /** On the owner shard. */
    private void markIfEmpty(long index, PlacedPartition placed) {
        Partition p = placed.partition();
        if (p.nextOffset() != 0) {
            return;
        }
        if (retentionFloors) {
            p.retention().floor(0);
        }
        KeptSegments.Incarnation incarnation = new KeptSegments.Incarnation(p.createdAtUs(), index);
        try {
            KeptSegments.mark(placed.dir(), incarnation);
            if (incarnation.equals(kept.keptIncarnation(placed.dir()))) {
                p.close();
                kept.adopt(placed.dir());
                p.open();
                p.writeAhead().holdBackAt(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
