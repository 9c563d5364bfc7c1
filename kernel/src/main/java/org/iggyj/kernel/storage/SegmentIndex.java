package org.iggyj.kernel.storage;

/**
 * The index of one segment: one entry per message, entry {@code i} describing offset
 * {@code base + i} (offsets are dense). On disk ({@code .index}) an entry is 16 bytes, little-endian:
 *
 * <pre>
 * offset size field
 *      0    4 relative_offset u32  message offset - segment base offset (= entry number)
 *      4    4 position        u32  END position of the message in the .log (message i spans
 *                                  [position(i-1) or 0, position(i)))
 *      8    8 timestamp       u64  the message's server timestamp, µs
 * </pre>
 *
 * Not thread-safe: used only by the partition's owning shard thread.
 */
interface SegmentIndex {

    int ENTRY_LENGTH = 16;
    int RELATIVE_OFFSET_OFFSET = 0;
    int POSITION_OFFSET = 4;
    int TIMESTAMP_OFFSET = 8;

    /** Number of entries (= messages in the segment). */
    int count();

    /** Position in the {@code .log} just after message {@code i}. */
    long endPosition(int i);

    /** Server timestamp of message {@code i}. */
    long timestamp(int i);

    /** Releases what the index holds (idempotent); the index must not be used afterwards. */
    void close();

    /** Position in the {@code .log} where message {@code i} starts. */
    default long startPosition(int i) {
        return i == 0 ? 0 : endPosition(i - 1);
    }

    /** First entry whose timestamp is {@code >= timestampUs}, or {@link #count()} if none (timestamps ascend). */
    default int firstAtOrAfter(long timestampUs) {
        int low = 0;
        int high = count();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timestamp(mid) < timestampUs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Last entry in {@code [from, to]} whose end position is {@code <= maxEndPosition}, or {@code from - 1}
     * if even message {@code from} ends beyond it (positions ascend).
     */
    default int lastEndingAtOrBefore(int from, int to, long maxEndPosition) {
        int low = from;
        int high = to + 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (endPosition(mid) <= maxEndPosition) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low - 1;
    }
}
