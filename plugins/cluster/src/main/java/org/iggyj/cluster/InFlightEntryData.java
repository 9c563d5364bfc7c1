package org.iggyj.cluster;

import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The leader's in-flight map: the message bytes of the entries it logged, kept until every follower
 * has them, so that sending an entry to a follower after it was applied costs no read of the
 * partition (docs/cluster.md, "Message bytes and the Raft log", point 6).
 *
 * <p>Design note: with {@code raft.server.log.statemachine.data.caching.enabled = true} Ratis's log
 * cache keeps entries without their bytes, and its appender asks the state machine's {@code read}
 * for them each time it sends an entry to a follower. Until an entry is applied the leader's pending
 * request still holds its bytes; afterwards only this map does. Entries are kept in log order and
 * freed from the oldest: once the lowest match index of the followers has passed them, and whenever
 * the map would exceed its byte or entry bound (a follower that is down or far behind never lets the
 * oldest go; its entries are then read back from the partition, as before). Each kept
 * {@link ByteString} is the one Ratis logged, shared, never copied.
 *
 * <p>Thread-safe: {@link #keep} and {@link #truncate} run under Ratis's log lock, {@link #get} on the
 * appenders' threads, {@link #freeUpTo} and {@link #clear} on the apply thread and on the replicator's
 * 500 ms timer (an idle leader); each takes this object's monitor for a few array operations.
 */
final class InFlightEntryData {

    /** At most this many entries, whatever their size (the map never grows past its arrays). */
    static final int MAX_ENTRIES = 4096;

    private final long maxBytes;
    private final long[] indexes;
    private final ByteString[] data;
    /** Slot of the oldest entry. */
    private int head;
    private int size;
    private long bytes;

    /**
     * @param maxBytes   the most message bytes kept; 0 keeps nothing
     * @param maxEntries the most entries kept
     */
    InFlightEntryData(long maxBytes, int maxEntries) {
        if (maxBytes < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxBytes + " bytes, " + maxEntries
                    + " entries");
        }
        this.maxBytes = maxBytes;
        this.indexes = new long[maxEntries];
        this.data = new ByteString[maxEntries];
    }

    /**
     * Keeps an entry's bytes, evicting the oldest while over a bound. An index at or below the newest
     * kept one means the log was cut there and written again: the kept entries from it on go first.
     * An entry larger than the whole byte bound is not kept.
     */
    synchronized void keep(long index, ByteString bytesOfEntry) {
        if (size > 0 && index <= newest()) {
            truncate(index);
        }
        long length = bytesOfEntry.size();
        if (length > maxBytes) {
            return;
        }
        while (size > 0 && (size == indexes.length || bytes + length > maxBytes)) {
            removeOldest();
        }
        int slot = slot(size);
        indexes[slot] = index;
        data[slot] = bytesOfEntry;
        size++;
        bytes += length;
    }

    /** @return the bytes kept for {@code index}, or null */
    synchronized ByteString get(long index) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = indexes[slot(mid)];
            if (at < index) {
                lo = mid + 1;
            } else if (at > index) {
                hi = mid - 1;
            } else {
                return data[slot(mid)];
            }
        }
        return null;
    }

    /** Frees every entry at or below {@code index} (every follower has them). */
    synchronized void freeUpTo(long index) {
        while (size > 0 && indexes[head] <= index) {
            removeOldest();
        }
    }

    /** Frees every entry at or above {@code index} (the log dropped them). */
    synchronized void truncate(long index) {
        while (size > 0 && newest() >= index) {
            int slot = slot(size - 1);
            bytes -= data[slot].size();
            data[slot] = null;
            size--;
        }
    }

    /** Frees everything (this node no longer leads). */
    synchronized void clear() {
        freeUpTo(Long.MAX_VALUE);
    }

    synchronized int entries() {
        return size;
    }

    synchronized long bytes() {
        return bytes;
    }

    private long newest() {
        return indexes[slot(size - 1)];
    }

    private void removeOldest() {
        bytes -= data[head].size();
        data[head] = null;
        head = (head + 1) % indexes.length;
        size--;
    }

    private int slot(int position) {
        return (head + position) % indexes.length;
    }
}
