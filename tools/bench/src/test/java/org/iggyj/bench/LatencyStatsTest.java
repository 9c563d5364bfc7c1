package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void shouldReadPercentilesInMillisecondsWithinThreeDigits() {
        Histogram h = new Histogram(ActorRecorder.MAX_LATENCY_NS, 3);
        for (int i = 1; i <= 10_000; i++) {
            h.recordValue(i * 1_000L); // 1 us .. 10 ms
        }
        LatencyStats s = LatencyStats.of(h);
        assertEquals(5.0, s.p50(), 5.0 * 0.001);
        assertEquals(9.0, s.p90(), 9.0 * 0.001);
        assertEquals(9.5, s.p95(), 9.5 * 0.001);
        assertEquals(9.9, s.p99(), 9.9 * 0.001);
        assertEquals(9.99, s.p999(), 9.99 * 0.001);
        assertEquals(9.999, s.p9999(), 9.999 * 0.001);
        assertEquals(10.0, s.max(), 10.0 * 0.001);
        assertEquals(0.001, s.min(), 0.001 * 0.001);
        assertEquals(5.0005, s.mean(), 5.0 * 0.001);
    }

    @Test
    void shouldBeAllZeroForNoSamples() {
        LatencyStats s = LatencyStats.of(new Histogram(ActorRecorder.MAX_LATENCY_NS, 3));
        assertEquals(new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0), s);
    }
}
