package org.iggyj.bench;

import java.util.Arrays;
import org.iggyj.client.PolledBatch;

/**
 * The next offset expected from each partition a consumer reads, to check that its non-empty replies
 * follow one another without a gap or a repeat. A partition's first reply sets its expectation (a group
 * resumes from its stored offset). Confined to one actor; no allocation per reply once the partitions
 * are known.
 */
final class PartitionContinuity {

    private long[] next = new long[4];

    PartitionContinuity() {
        Arrays.fill(next, -1);
    }

    /**
     * @param polled a non-empty reply
     * @return what is wrong with it, or null when it starts where the partition's previous reply ended
     */
    String check(PolledBatch polled) {
        int partition = Math.toIntExact(polled.partitionId());
        if (partition >= next.length) {
            int old = next.length;
            next = Arrays.copyOf(next, Math.max(partition + 1, old * 2));
            Arrays.fill(next, old, next.length, -1);
        }
        long expected = next[partition];
        next[partition] = polled.lastOffset() + 1;
        if (expected >= 0 && polled.firstOffset() != expected) {
            return "partition " + partition + " replied from offset " + polled.firstOffset() + " where "
                    + expected + " was next";
        }
        return null;
    }

    /** Drops every expectation (a poll whose reply was lost may have committed its offset). */
    void forget() {
        Arrays.fill(next, -1);
    }
}
