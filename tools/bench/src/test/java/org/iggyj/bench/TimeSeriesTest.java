package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static final long BUCKET = 10_000_000L; // 10 ms

    @Test
    void shouldTurnBucketSumsIntoRates() {
        TimeSeries s = new TimeSeries(BUCKET);
        s.record(1_000_000, 500_000, 50, 2_000_000);
        s.record(9_000_000, 500_000, 50, 4_000_000);
        s.record(25_000_000, 100_000, 10, 1_000_000);
        assertEquals(3, s.size());
        assertArrayEquals(new double[] {100.0, 0.0, 10.0}, s.megabytesPerSecond(), 1e-9);
        assertArrayEquals(new double[] {10_000.0, 0.0, 1_000.0}, s.messagesPerSecond(), 1e-9);
        double[] latency = s.averageLatencyMs();
        assertEquals(3.0, latency[0], 1e-9);
        assertTrue(Double.isNaN(latency[1]));
        assertEquals(1.0, latency[2], 1e-9);
    }

    @Test
    void shouldAddSeriesBucketByBucketAndGrow() {
        TimeSeries a = new TimeSeries(BUCKET);
        TimeSeries b = new TimeSeries(BUCKET);
        a.record(0, 1_000, 1, 1);
        b.record(0, 1_000, 1, 1);
        b.record(BUCKET * 1_000, 2_000, 1, 1);
        a.add(b);
        assertEquals(1_001, a.size());
        assertEquals(0.2, a.megabytesPerSecond()[0], 1e-9);
        assertEquals(0.2, a.megabytesPerSecond()[1_000], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> a.add(new TimeSeries(BUCKET * 2)));
    }

    @Test
    void shouldSmoothWithATrailingWindowSkippingGaps() {
        double[] smoothed = TimeSeries.movingAverage(new double[] {2, 4, Double.NaN, 6}, 2);
        assertArrayEquals(new double[] {2, 3, 4, 6}, smoothed, 1e-9);
        assertArrayEquals(new double[] {1, 2}, TimeSeries.movingAverage(new double[] {1, 2}, 1), 1e-9);
    }
}
