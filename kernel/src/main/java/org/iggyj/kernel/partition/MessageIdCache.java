package org.iggyj.kernel.partition;

/**
 * The message ids (u128) a partition has recently accepted, for deduplication: a FIFO of at most
 * {@code maxEntries} ids, each forgotten {@code ttlUs} after it was added, with an open-addressing
 * hash table over it. Allocation-free per id: the ids live in three parallel primitive arrays used
 * as a ring (oldest first), and the table (linear probing, backward-shift deletion, no tombstones)
 * holds ring positions plus one. Both grow by doubling until the cap is reached.
 *
 * <p>Design note: 0.8 uses a TinyLFU cache; this is FIFO with TTL. Ids are remembered in arrival
 * order and a resend is the case being guarded against, so recency of use adds nothing.
 *
 * <p>Not thread-safe: used by the partition's owner shard only.
 */
final class MessageIdCache {

    /** Largest cap accepted (the ring is an array indexed by int). */
    static final long MAX_CAPACITY = 1 << 28;
    private static final int INITIAL_CAPACITY = 64;

    private final int maxEntries;
    private final long ttlUs;
    private long[] lows;
    private long[] highs;
    private long[] addedAtUs;
    private int[] table;
    private int head;
    private int size;

    /**
     * @param maxEntries most ids kept, oldest evicted first; 0 = no cap
     * @param ttlUs      lifetime of an id in µs; 0 = no expiry
     */
    MessageIdCache(long maxEntries, long ttlUs) {
        if (maxEntries < 0 || maxEntries > MAX_CAPACITY) {
            throw new IllegalArgumentException("maxEntries out of range: " + maxEntries);
        }
        this.maxEntries = (int) maxEntries;
        this.ttlUs = ttlUs;
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        lows = new long[capacity];
        highs = new long[capacity];
        addedAtUs = new long[capacity];
        table = new int[capacity * 2];
        head = 0;
        size = 0;
    }

    /** Number of ids remembered (expired ones count until the next {@link #addIfAbsent}). */
    int size() {
        return size;
    }

    /**
     * Remembers the id unless it is already remembered (and not expired at {@code nowUs}).
     *
     * @return true if the id is new, false if it is a duplicate
     */
    boolean addIfAbsent(long low, long high, long nowUs) {
        expire(nowUs);
        if (find(low, high) >= 0) {
            return false;
        }
        if (maxEntries > 0 && size >= maxEntries) {
            evictOldest();
        } else if (size == lows.length) {
            grow();
        }
        int position = (head + size) & (lows.length - 1);
        lows[position] = low;
        highs[position] = high;
        addedAtUs[position] = nowUs;
        size++;
        insert(position);
        return true;
    }

    /**
     * Forgets the {@code n} ids added last (fewer if some were already evicted), so that a batch that
     * was not stored can be sent again without being taken for a duplicate.
     */
    void forgetNewest(int n) {
        int mask = lows.length - 1;
        for (int i = 0; i < n && size > 0; i++) {
            int position = (head + size - 1) & mask;
            removeSlot(find(lows[position], highs[position]));
            size--;
        }
    }

    private void expire(long nowUs) {
        if (ttlUs <= 0) {
            return;
        }
        while (size > 0 && addedAtUs[head] + ttlUs <= nowUs) {
            evictOldest();
        }
    }

    private void evictOldest() {
        int slot = find(lows[head], highs[head]);
        removeSlot(slot);
        head = (head + 1) & (lows.length - 1);
        size--;
    }

    /** Table slot holding the id, or -1. */
    private int find(long low, long high) {
        int mask = table.length - 1;
        for (int slot = home(low, high); ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if (lows[entry - 1] == low && highs[entry - 1] == high) {
                return slot;
            }
        }
    }

    private void insert(int position) {
        int mask = table.length - 1;
        int slot = home(lows[position], highs[position]);
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = position + 1;
    }

    private void removeSlot(int slot) {
        int mask = table.length - 1;
        int hole = slot;
        table[hole] = 0;
        for (int next = (hole + 1) & mask; table[next] != 0; next = (next + 1) & mask) {
            int entry = table[next];
            int home = home(lows[entry - 1], highs[entry - 1]);
            // The entry may fill the hole unless its home lies cyclically in (hole, next].
            boolean homeBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                table[hole] = entry;
                table[next] = 0;
                hole = next;
            }
        }
    }

    private void grow() {
        long[] oldLows = lows;
        long[] oldHighs = highs;
        long[] oldAdded = addedAtUs;
        int oldHead = head;
        int count = size;
        int oldMask = oldLows.length - 1;
        allocate(oldLows.length * 2);
        for (int i = 0; i < count; i++) {
            int from = (oldHead + i) & oldMask;
            lows[i] = oldLows[from];
            highs[i] = oldHighs[from];
            addedAtUs[i] = oldAdded[from];
            insert(i);
        }
        size = count;
    }

    private int home(long low, long high) {
        long h = low * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(high * 0xC2B2AE3D27D4EB4FL, 31);
        h ^= h >>> 29;
        return (int) h & (table.length - 1);
    }
}
