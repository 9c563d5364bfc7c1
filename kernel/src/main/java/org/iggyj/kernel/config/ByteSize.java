package org.iggyj.kernel.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Iggy byte sizes: a number, optional whitespace, an optional unit. {@code KB/MB/GB/TB/PB}
 * are decimal (1000ⁿ), {@code KiB/MiB/GiB/TiB/PiB} binary (1024ⁿ), {@code B} or no unit is bytes.
 * Units are case-insensitive. {@code "unlimited"}, {@code "none"} and {@code "0"} are 0; keys where
 * "unlimited" means something else (topic max size) must check for it before calling this.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
        Map.entry("", 1L), Map.entry("b", 1L),
        Map.entry("kb", 1000L), Map.entry("mb", 1000L * 1000), Map.entry("gb", 1000L * 1000 * 1000),
        Map.entry("tb", 1000L * 1000 * 1000 * 1000), Map.entry("pb", 1000L * 1000 * 1000 * 1000 * 1000),
        Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
        Map.entry("tib", 1L << 40), Map.entry("pib", 1L << 50));

    private ByteSize() {
    }

    /**
     * @param text a byte size such as {@code "100 KB"}, {@code "1GiB"}, {@code "512"}
     * @return the number of bytes, whole bytes (a fractional result is truncated)
     * @throws IllegalArgumentException when the text is not a byte size or exceeds {@code Long.MAX_VALUE}
     */
    public static long parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("unlimited") || normalized.equals("none")) {
            return 0;
        }
        Matcher matcher = SIZE.matcher(normalized);
        Long multiplier = matcher.matches() ? UNITS.get(matcher.group(2)) : null;
        if (multiplier == null) {
            throw new IllegalArgumentException("not a byte size: \"" + text + "\" (expected e.g. \"100 KB\", \"1 GiB\")");
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        try {
            return bytes.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("byte size too large: \"" + text + "\"", e);
        }
    }
}
