package org.iggyj.kernel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HumanDurationTest {

    @Test
    void shouldParseSingleTerms() {
        assertEquals(Duration.ofMillis(500), HumanDuration.parse("500 ms"));
        assertEquals(Duration.ofSeconds(5), HumanDuration.parse("5 s"));
        assertEquals(Duration.ofSeconds(30), HumanDuration.parse("30s"));
        assertEquals(Duration.ofMinutes(1), HumanDuration.parse("1 m"));
        assertEquals(Duration.ofMinutes(3), HumanDuration.parse("3min"));
        assertEquals(Duration.ofHours(1), HumanDuration.parse("1 h"));
        assertEquals(Duration.ofHours(2), HumanDuration.parse("2 hours"));
        assertEquals(Duration.ofDays(7), HumanDuration.parse("7 days"));
        assertEquals(Duration.ofDays(1), HumanDuration.parse("1d"));
        assertEquals(Duration.ofDays(14), HumanDuration.parse("2 weeks"));
        assertEquals(Duration.ofNanos(250), HumanDuration.parse("250ns"));
        assertEquals(Duration.ofNanos(7000), HumanDuration.parse("7 us"));
        assertEquals(Duration.ofNanos(7000), HumanDuration.parse("7µs"));
        assertEquals(Duration.ofSeconds(10), HumanDuration.parse("10 seconds"));
        assertEquals(Duration.ofSeconds(0), HumanDuration.parse("0 s"));
    }

    @Test
    void shouldSumSeveralTerms() {
        assertEquals(Duration.ofDays(2).plusHours(4).plusMinutes(15), HumanDuration.parse("2 days 4 hours 15 minutes"));
        assertEquals(Duration.ofMinutes(90), HumanDuration.parse("1h 30m"));
        assertEquals(Duration.ofMinutes(90), HumanDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(61).plusMillis(5), HumanDuration.parse(" 1m 1s 5ms "));
    }

    @Test
    void shouldTellMonthsFromMinutesByCase() {
        assertEquals(Duration.ofMinutes(1), HumanDuration.parse("1m"));
        assertEquals(Duration.ofSeconds(2_630_016L), HumanDuration.parse("1M"));
        assertEquals(Duration.ofSeconds(31_557_600L), HumanDuration.parse("1 year"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "none", "disabled", "unlimited", "NONE", " Disabled "})
    void shouldReadZeroSpellingsAsZero(String text) {
        assertEquals(Duration.ZERO, HumanDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "5 parsecs", "-5 s", "1.5 s", "5 s and more", "5 s,", "1 GiB", "forever",
        "99999999999999999999 s"})
    void shouldRejectNonDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(text));
    }
}
