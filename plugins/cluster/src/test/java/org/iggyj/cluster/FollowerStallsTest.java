package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowerStallsTest {

    private static final long BOUND = 1_000;
    private final FollowerStalls stalls = new FollowerStalls(BOUND);

    @Test
    void shouldReportOnceAFollowerThatRepliesButMatchesNothingNewPastTheBound() {
        Map<String, Boolean> both = Map.of("a", true, "b", true);
        assertTrue(stalls.observe(0, 100, Map.of("a", 90L, "b", 90L), both).isEmpty());
        // b moves on, a stays at 90.
        assertTrue(stalls.observe(600, 110, Map.of("a", 90L, "b", 100L), both).isEmpty());

        List<FollowerStalls.Stall> found = stalls.observe(1_000, 120, Map.of("a", 90L, "b", 110L), both);

        assertEquals(List.of(new FollowerStalls.Stall("a", 90, 120, 0)), found);
        assertTrue(stalls.observe(5_000, 130, Map.of("a", 90L, "b", 120L), both).isEmpty(), "reported once");
    }

    @Test
    void shouldNotReportAFollowerThatIsDownCaughtUpOrMoving() {
        assertTrue(stalls.observe(0, 100, Map.of("down", 50L, "done", 100L, "moving", 10L),
                Map.of("down", false, "done", true, "moving", true)).isEmpty());
        for (long t = 500, m = 20; t <= 5_000; t += 500, m += 10) {
            assertTrue(stalls.observe(t, 100, Map.of("down", 50L, "done", 100L, "moving", m),
                    Map.of("down", false, "done", true, "moving", true)).isEmpty());
        }
    }

    @Test
    void shouldWatchAgainAfterTheFollowerMoved() {
        Map<String, Boolean> up = Map.of("a", true);
        stalls.observe(0, 100, Map.of("a", 90L), up);
        assertEquals(1, stalls.observe(BOUND, 100, Map.of("a", 90L), up).size());
        stalls.observe(BOUND + 1, 100, Map.of("a", 95L), up);
        assertEquals(1, stalls.observe(2 * BOUND + 1, 100, Map.of("a", 95L), up).size());
    }
}
