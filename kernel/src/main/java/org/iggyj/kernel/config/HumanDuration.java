package org.iggyj.kernel.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Iggy's human-readable durations: one or more {@code <integer><unit>} terms, space between
 * number and unit optional, terms separated by whitespace — {@code "500 ms"}, {@code "30s"},
 * {@code "2 days 4 hours 15 minutes"}. {@code m} is minutes and {@code M} months (30.44 days), as in
 * the humantime notation Iggy uses; every other unit is case-insensitive. {@code "0"}, {@code "none"},
 * {@code "disabled"} and {@code "unlimited"} are {@link Duration#ZERO}.
 */
public final class HumanDuration {

    private static final Pattern TERM = Pattern.compile("\\s*(\\d+)\\s*([A-Za-zµ]+)\\s*");
    private static final long MONTH_SECONDS = 2_630_016L;
    private static final long YEAR_SECONDS = 31_557_600L;
    private static final Map<String, Duration> UNITS = Map.ofEntries(
        Map.entry("ns", Duration.ofNanos(1)), Map.entry("nsec", Duration.ofNanos(1)),
        Map.entry("us", Duration.ofNanos(1000)), Map.entry("µs", Duration.ofNanos(1000)),
        Map.entry("usec", Duration.ofNanos(1000)),
        Map.entry("ms", Duration.ofMillis(1)), Map.entry("msec", Duration.ofMillis(1)),
        Map.entry("millis", Duration.ofMillis(1)),
        Map.entry("s", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)),
        Map.entry("secs", Duration.ofSeconds(1)), Map.entry("second", Duration.ofSeconds(1)),
        Map.entry("seconds", Duration.ofSeconds(1)),
        Map.entry("m", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)),
        Map.entry("mins", Duration.ofMinutes(1)), Map.entry("minute", Duration.ofMinutes(1)),
        Map.entry("minutes", Duration.ofMinutes(1)),
        Map.entry("h", Duration.ofHours(1)), Map.entry("hr", Duration.ofHours(1)),
        Map.entry("hrs", Duration.ofHours(1)), Map.entry("hour", Duration.ofHours(1)),
        Map.entry("hours", Duration.ofHours(1)),
        Map.entry("d", Duration.ofDays(1)), Map.entry("day", Duration.ofDays(1)),
        Map.entry("days", Duration.ofDays(1)),
        Map.entry("w", Duration.ofDays(7)), Map.entry("week", Duration.ofDays(7)),
        Map.entry("weeks", Duration.ofDays(7)),
        Map.entry("month", Duration.ofSeconds(MONTH_SECONDS)), Map.entry("months", Duration.ofSeconds(MONTH_SECONDS)),
        Map.entry("y", Duration.ofSeconds(YEAR_SECONDS)), Map.entry("year", Duration.ofSeconds(YEAR_SECONDS)),
        Map.entry("years", Duration.ofSeconds(YEAR_SECONDS)));

    private HumanDuration() {
    }

    /**
     * @param text a duration such as {@code "5 s"} or {@code "1h 30m"}
     * @return the duration
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("0") || lower.equals("none") || lower.equals("disabled") || lower.equals("unlimited")) {
            return Duration.ZERO;
        }
        Matcher matcher = TERM.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        while (position < trimmed.length() && matcher.find(position) && matcher.start() == position) {
            total = total.plus(term(text, matcher.group(1), matcher.group(2)));
            position = matcher.end();
        }
        if (position == 0 || position != trimmed.length()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (expected e.g. \"500 ms\", \"5 s\", \"7 days\")");
        }
        return total;
    }

    private static Duration term(String text, String amount, String unit) {
        // "M" (month) versus "m" (minute) is the one case-sensitive distinction.
        Duration step = unit.equals("M") ? Duration.ofSeconds(MONTH_SECONDS) : UNITS.get(unit.toLowerCase(Locale.ROOT));
        if (step == null) {
            throw new IllegalArgumentException("unknown duration unit \"" + unit + "\" in \"" + text + "\"");
        }
        try {
            return step.multipliedBy(Long.parseLong(amount));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration too large: \"" + text + "\"", e);
        }
    }
}
