package org.iggyj.kernel.config;

import org.iggyj.spi.KernelConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link KernelConfig} view handed to plugins: one table of the frozen, merged tree. Immutable
 * and safe to read from any thread. Error messages name the full key path.
 */
final class ConfigSection implements KernelConfig {

    private final String prefix;
    private final Map<String, Object> table;

    ConfigSection(String prefix, Map<String, Object> table) {
        this.prefix = prefix;
        this.table = table;
    }

    @Override
    public boolean has(String key) {
        return value(key) != null;
    }

    @Override
    public String string(String key, String defaultValue) {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map || value instanceof List) {
            throw bad(key, "a string", value);
        }
        return String.valueOf(value);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw bad(key, "true or false", value);
    }

    @Override
    public long integer(String key, long defaultValue) {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Long) {
            return (Long) value;
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw bad(key, "an integer", value);
        }
    }

    @Override
    public long bytes(String key, long defaultValue) {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Long && (Long) value >= 0) {
            return (Long) value;
        }
        try {
            return ByteSize.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return HumanDuration.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> strings(String key) {
        Object value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            return List.of(string(key, ""));
        }
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
            items.add(String.valueOf(item));
        }
        return List.copyOf(items);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<KernelConfig> tables(String key) {
        Object value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw bad(key, "an array of tables", value);
        }
        List<KernelConfig> elements = new ArrayList<>();
        List<?> items = (List<?>) value;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map)) {
                throw bad(key, "an array of tables", value);
            }
            elements.add(new ConfigSection(path(key) + "[" + i + "]", (Map<String, Object>) items.get(i)));
        }
        return List.copyOf(elements);
    }

    @Override
    @SuppressWarnings("unchecked")
    public KernelConfig section(String name) {
        Object value = value(name);
        String path = path(name);
        return value instanceof Map ? new ConfigSection(path, (Map<String, Object>) value) : new ConfigSection(path, Map.of());
    }

    private Object value(String key) {
        return ConfigTree.get(table, key);
    }

    private String path(String key) {
        return ConfigTree.join(prefix, key);
    }

    private IllegalArgumentException bad(String key, String expected, Object value) {
        return new IllegalArgumentException(path(key) + ": expected " + expected + ", got \"" + value + "\"");
    }

    @Override
    public String toString() {
        return "ConfigSection[" + (prefix.isEmpty() ? "<root>" : prefix) + "]";
    }
}
