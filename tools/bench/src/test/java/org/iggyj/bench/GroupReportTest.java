package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class GroupReportTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long BUCKET = 100_000_000L;

    @Test
    void shouldDivideBytesMovedByTheGroupsWallTimeNotSumActorRates() {
        // A: 1 MB in [0 s, 1 s] (1 MB/s alone); B: 1 MB in [0.5 s, 2 s] (0.67 MB/s alone).
        ActorResult a = result(1, 1_000_000, 1_000, 0, SECOND);
        ActorResult b = result(2, 1_000_000, 1_000, SECOND / 2, 2 * SECOND);
        GroupReport g = GroupReport.of("producers", "Producers", List.of(a, b), 1);
        assertEquals(2.0, g.wallTimeSeconds(), 1e-9);
        assertEquals(1.0, g.throughputMegabytesPerSecond(), 1e-9); // 2 MB over 2 s, not 1 + 0.67
        assertEquals(1_000.0, g.messagesPerSecond(), 1e-9);
        assertEquals(2_000, g.messages());
        assertEquals(2_000_000, g.payloadBytes());
        assertEquals(2, g.actors());
    }

    @Test
    void shouldIgnoreActorsThatMovedNothingInTheWallTime() {
        ActorResult busy = result(1, 3_000_000, 3, 0, 3 * SECOND);
        ActorResult idle = new ActorResult(Role.CONSUMER, 2, 0, 0, 0, 10 * SECOND, 10 * SECOND,
                new Histogram(ActorRecorder.MAX_LATENCY_NS, 3), new TimeSeries(BUCKET), "no data");
        GroupReport g = GroupReport.of("aggregate", "Aggregate", List.of(busy, idle), 1);
        assertEquals(3.0, g.wallTimeSeconds(), 1e-9);
        assertEquals(1.0, g.throughputMegabytesPerSecond(), 1e-9);
    }

    @Test
    void shouldReportZeroThroughputWhenNothingMoved() {
        ActorResult idle = new ActorResult(Role.PRODUCER, 1, 0, 0, 0, 0, 0,
                new Histogram(ActorRecorder.MAX_LATENCY_NS, 3), new TimeSeries(BUCKET), null);
        GroupReport g = GroupReport.of("producers", "Producers", List.of(idle), 1);
        assertEquals(0.0, g.throughputMegabytesPerSecond());
        assertEquals(0.0, g.latencyMs().p99());
    }

    @Test
    void shouldMergeLatenciesOfAllActors() {
        ActorRecorder r1 = new ActorRecorder(Role.PRODUCER, 1, 0, BUCKET);
        ActorRecorder r2 = new ActorRecorder(Role.PRODUCER, 2, 0, BUCKET);
        for (int ms = 1; ms <= 50; ms++) {
            r1.record(ms * 1_000_000L, ms * 1_000_000L, 1, 10);
            r2.record(ms * 1_000_000L, (ms + 50) * 1_000_000L, 1, 10);
        }
        GroupReport g = GroupReport.of("producers", "Producers", List.of(r1.result(null), r2.result(null)), 1);
        assertEquals(50.0, g.latencyMs().p50(), 0.05);
        assertEquals(99.0, g.latencyMs().p99(), 0.1);
        assertEquals(100.0, g.latencyMs().max(), 0.1);
        assertEquals(1.0, g.latencyMs().min(), 0.01);
    }

    private static ActorResult result(int id, long bytes, long messages, long startNs, long endNs) {
        Histogram h = new Histogram(ActorRecorder.MAX_LATENCY_NS, 3);
        h.recordValue(1_000_000);
        TimeSeries series = new TimeSeries(BUCKET);
        series.record(endNs, bytes, messages, 1_000_000);
        return new ActorResult(Role.PRODUCER, id, messages, 1, bytes, startNs, endNs, h, series, null);
    }
}
