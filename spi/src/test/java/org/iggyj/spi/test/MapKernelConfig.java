package org.iggyj.spi.test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        Object value = values.get(prefix + key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(prefix + key + " is not a boolean: " + value);
    }

    @Override
    public long integer(String key, long defaultValue) {
        Object value = values.get(prefix + key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " is not an integer: " + value, e);
        }
    }

    @Override
    public long bytes(String key, long defaultValue) {
        Object value = values.get(prefix + key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        Matcher m = AMOUNT.matcher(value.toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(prefix + key + " is not a byte size: " + value);
        }
        return Long.parseLong(m.group(1)) * byteUnit(key, m.group(2));
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        Object value = values.get(prefix + key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Duration d) {
            return d;
        }
        Matcher m = AMOUNT.matcher(value.toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(prefix + key + " is not a duration: " + value);
        }
        return Duration.of(Long.parseLong(m.group(1)), timeUnit(key, m.group(2)));
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
