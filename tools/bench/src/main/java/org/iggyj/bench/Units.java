package org.iggyj.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human units of the command line: durations ({@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 250us}) and byte sizes ({@code 1000}, {@code 10KB}, {@code 100MB}, {@code 1GB} decimal as Iggy
 * counts them; {@code KiB}, {@code MiB}, {@code GiB} binary). Stateless.
 */
final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?");

    private Units() {
    }

    /**
     * @param text e.g. {@code 10ms}; a bare number is seconds
     * @return nanoseconds
     * @throws IllegalArgumentException when the text is not a duration
     */
    static long parseDurationNs(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 500ms, 10s, 2m)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double scale = switch (unit) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Math.round(value * scale);
    }

    /**
     * @param text e.g. {@code 100MB}
     * @return bytes
     * @throws IllegalArgumentException when the text is not a size
     */
    static long parseBytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 1000, 10KB, 100MB, 1GiB)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        boolean binary = unit.contains("i");
        double base = binary ? 1024 : 1000;
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        return Math.round(value * Math.pow(base, power));
    }
}
