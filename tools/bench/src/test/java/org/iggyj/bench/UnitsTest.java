package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void shouldParseDurations() {
        assertEquals(10_000_000L, Units.parseDurationNs("10ms"));
        assertEquals(2_000_000_000L, Units.parseDurationNs("2s"));
        assertEquals(3_000_000_000L, Units.parseDurationNs("3"));
        assertEquals(90_000_000_000L, Units.parseDurationNs("1.5m"));
        assertEquals(250_000L, Units.parseDurationNs("250us"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDurationNs("soon"));
    }

    @Test
    void shouldParseDecimalAndBinarySizes() {
        assertEquals(1000L, Units.parseBytes("1000"));
        assertEquals(10_000L, Units.parseBytes("10KB"));
        assertEquals(100_000_000L, Units.parseBytes("100mb"));
        assertEquals(1_000_000_000L, Units.parseBytes("1GB"));
        assertEquals(1024L * 1024, Units.parseBytes("1MiB"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseBytes("lots"));
    }

    @Test
    void shouldComputeRatesOverElapsedTime() {
        assertEquals(1.0, Throughput.megabytesPerSecond(2_000_000, 2_000_000_000L), 1e-12);
        assertEquals(500.0, Throughput.perSecond(1_000, 2_000_000_000L), 1e-12);
        assertEquals(0.0, Throughput.megabytesPerSecond(1, 0));
    }
}
