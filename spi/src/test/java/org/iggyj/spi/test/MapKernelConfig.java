package org.iggyj.spi.test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iggyj.spi.KernelConfig;

/**
 * A {@link KernelConfig} over a flat map of dotted keys ({@code "socket.nodelay" -> true}), with
 * the simple parsing a plugin test needs: booleans and integers from their Java types or strings,
 * byte sizes such as {@code "100 KB"} / {@code "10 MiB"}, durations such as {@code "5 s"} /
 * {@code "100 ms"}, and lists. Sections are prefix views over the same map, so a value put after
 * a section was taken is visible through it. Thread-safe.
 */
public final class MapKernelConfig implements KernelConfig {

    private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+)\\s*([A-Za-z]*)\\s*");

    private final Map<String, Object> values;
    private final String prefix;

    /**
     * Creates an empty, writable config.
     */
    public MapKernelConfig() {
        this(new ConcurrentHashMap<>(), "");
    }

    private MapKernelConfig(Map<String, Object> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    /**
     * @param key   a key relative to this view, possibly dotted
     * @param value a Boolean, Number, String or List of strings
     * @return this view
     */
    public MapKernelConfig put(String key, Object value) {
        values.put(prefix + key, value);
        return this;
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(prefix + key);
    }

    @Override
    public String string(String key, String defaultValue) {
        Object value = values.get(prefix + key);
        return value == null ? defaultValue : value.toString();
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return value(key, defaultValue, v -> v instanceof Boolean b ? b : null, text -> {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
            throw new IllegalArgumentException(prefix + key + " is not a boolean: " + text);
        });
    }

    @Override
    public long integer(String key, long defaultValue) {
        return value(key, defaultValue, MapKernelConfig::asLong, text -> {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(prefix + key + " is not an integer: " + text, e);
            }
        });
    }

    @Override
    public long bytes(String key, long defaultValue) {
        return value(key, defaultValue, MapKernelConfig::asLong, text -> {
            Matcher m = amount(key, text, "a byte size");
            return Long.parseLong(m.group(1)) * byteUnit(key, m.group(2));
        });
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return value(key, defaultValue, v -> v instanceof Duration d ? d : null, text -> {
            Matcher m = amount(key, text, "a duration");
            return Duration.of(Long.parseLong(m.group(1)), timeUnit(key, m.group(2)));
        });
    }

    @Override
    public List<String> strings(String key) {
        Object value = values.get(prefix + key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    @Override
    public KernelConfig section(String name) {
        return new MapKernelConfig(values, prefix + name + ".");
    }

    /**
     * @param typed what a value put with its Java type reads as, or null when that type is not this one's
     * @param parse what a value put as text reads as
     * @return the default when the key is absent
     */
    private <T> T value(String key, T defaultValue, Function<Object, T> typed, Function<String, T> parse) {
        Object value = values.get(prefix + key);
        if (value == null) {
            return defaultValue;
        }
        T direct = typed.apply(value);
        return direct != null ? direct : parse.apply(value.toString());
    }

    private static Long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private Matcher amount(String key, String text, String what) {
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(prefix + key + " is not " + what + ": " + text);
        }
        return m;
    }

    private long byteUnit(String key, String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1L;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            default -> throw new IllegalArgumentException(prefix + key + " has an unknown byte unit: " + unit);
        };
    }

    private ChronoUnit timeUnit(String key, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> ChronoUnit.MICROS;
            case "ms" -> ChronoUnit.MILLIS;
            case "", "s" -> ChronoUnit.SECONDS;
            case "m", "min" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException(prefix + key + " has an unknown time unit: " + unit);
        };
    }
}
