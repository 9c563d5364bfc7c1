package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.partition.PartitionKey;

/**
 * The sends written and not applied yet, by slot ({@link SegmentSends#slot}): what a truncation of the
 * log undoes, and where each send's bytes are, in its partition unpublished or in a staging file
 * ({@link StagingFiles}).
 *
 * <p>Design note: while a partition has a staged send, every later send of it is staged too, so that
 * apply moves them in in log order; {@link #hasStaged} answers that from a count per partition.
 *
 * <p>Threads: written and staged under the engine's log lock, removed on the apply thread; concurrent maps.
 */
final class SendWindow {

    /**
     * One written send.
     *
     * @param partition its partition, null when staged
     * @param key       its partition's key
     * @param base      its base offset (-1 for a send staged before a restart)
     * @param staged    whether its bytes are in a staging file
     */
    record Written(Partition partition, PartitionKey key, long base, boolean staged) {
    }

    private final ConcurrentNavigableMap<Long, Written> window = new ConcurrentSkipListMap<>();
    private final Map<PartitionKey, AtomicInteger> stagedPerPartition = new ConcurrentHashMap<>();
    private final StagingFiles staging;

    /** @param stagingDir directory of the staging files (created when first needed) */
    SendWindow(Path stagingDir) {
        this.staging = new StagingFiles(stagingDir);
    }

    /** @return whether a send of {@code key}'s partition is staged, so that the next must be too */
    boolean hasStaged(PartitionKey key) {
        return stagedPerPartition.containsKey(key);
    }

    /** A send's bytes were handed to its partition, unpublished. */
    void written(long slot, Partition partition, PartitionKey key, long base) {
        window.put(slot, new Written(partition, key, base, false));
    }

    /** Keeps a send's bytes in a staging file of their own until apply moves them in. */
    void stage(long slot, PartitionKey key, long base, ByteBuffer data) throws IOException {
        staging.write(slot, key, data);
        noteStaged(slot, key, base);
    }

    /**
     * After a restart: the entries staged before it and not applied yet are staged still (a replayed
     * entry carries no bytes, its staging file has them).
     */
    void recover() {
        staging.recover((slot, key) -> noteStaged(slot, key, -1));
    }

    private void noteStaged(long slot, PartitionKey key, long base) {
        stagedPerPartition.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        window.put(slot, new Written(null, key, base, true));
    }

    /** @return the send at {@code slot}, or null */
    Written get(long slot) {
        return window.get(slot);
    }

    /** @return the send at {@code slot}, no longer in the window, or null */
    Written remove(long slot) {
        return window.remove(slot);
    }

    /** @return a staged send's bytes */
    byte[] readStaged(long slot, PartitionKey key) throws IOException {
        return staging.read(slot, key);
    }

    /** @return a channel reading a staged send's bytes */
    FileChannel openStaged(long slot, PartitionKey key) throws IOException {
        return staging.open(slot, key);
    }

    /** Forgets a staged send and deletes its file. */
    void unstage(long slot, PartitionKey key) {
        staging.delete(slot, key);
        stagedPerPartition.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /**
     * Drops every send of the entries from {@code index} on.
     *
     * @return the partitions they were written into, each with the lowest base offset dropped
     */
    Map<Partition, Long> truncate(long index) {
        Map<Long, Written> dropped = window.tailMap(SegmentSends.slot(index, 0), true);
        Map<Partition, Long> cuts = new IdentityHashMap<>();
        for (Map.Entry<Long, Written> e : dropped.entrySet()) {
            Written w = e.getValue();
            if (w.staged()) {
                unstage(e.getKey(), w.key());
            } else {
                cuts.merge(w.partition(), w.base(), Math::min);
            }
        }
        dropped.clear();
        return cuts;
    }

    /**
     * Entries below an applied one that are still staged were applied, or dropped, before a restart
     * that happened before their staging file was deleted.
     */
    void dropStaleBelow(long slot) {
        Map.Entry<Long, Written> first;
        while ((first = window.firstEntry()) != null && first.getKey() < slot && first.getValue().staged()) {
            if (window.remove(first.getKey(), first.getValue())) {
                unstage(first.getKey(), first.getValue().key());
            }
        }
    }
}
