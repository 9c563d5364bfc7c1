package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iggyj.client.PolledBatch;
import org.junit.jupiter.api.Test;

class PartitionContinuityTest {

    private static PolledBatch reply(long partition, long first, int count) {
        return new PolledBatch(partition, first + count - 1, count, first, first + count - 1, 0, count, count * 64L);
    }

    @Test
    void shouldAcceptRepliesThatFollowOneAnotherPerPartition() {
        PartitionContinuity continuity = new PartitionContinuity();
        assertNull(continuity.check(reply(0, 0, 10)));
        assertNull(continuity.check(reply(3, 500, 10)), "a partition's first reply sets where it starts");
        assertNull(continuity.check(reply(0, 10, 5)));
        assertNull(continuity.check(reply(3, 510, 10)));
        assertNull(continuity.check(reply(9, 0, 1)), "partitions beyond the first guess");
        assertNull(continuity.check(reply(9, 1, 1)));
    }

    @Test
    void shouldReportAGapOrARepeat() {
        PartitionContinuity continuity = new PartitionContinuity();
        continuity.check(reply(1, 0, 10));
        String gap = continuity.check(reply(1, 11, 10));
        assertNotNull(gap);
        assertTrue(gap.contains("partition 1") && gap.contains("11") && gap.contains("10"), gap);
        continuity.check(reply(2, 0, 10));
        assertNotNull(continuity.check(reply(2, 5, 10)), "a repeat");
    }

    @Test
    void shouldStartOverAfterForgetting() {
        PartitionContinuity continuity = new PartitionContinuity();
        continuity.check(reply(0, 0, 10));
        continuity.forget();
        assertNull(continuity.check(reply(0, 20, 10)), "a lost auto-commit poll may have moved the offset");
    }
}
