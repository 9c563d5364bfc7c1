package org.iggyj.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iggyj.spi.KernelConfig;

/** A cluster section as flat dotted keys, for tests that start Ratis members in-process; only what the plugin reads. */
record MapConfig(Map<String, String> values) implements KernelConfig {

    @Override
    public boolean has(String key) {
        return values.containsKey(key) || values.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
    }

    @Override
    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return values.containsKey(key) ? Boolean.parseBoolean(values.get(key)) : defaultValue;
    }

    @Override
    public long integer(String key, long defaultValue) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : defaultValue;
    }

    @Override
    public long bytes(String key, long defaultValue) {
        return integer(key, defaultValue);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return defaultValue;
    }

    @Override
    public List<String> strings(String key) {
        return List.of();
    }

    @Override
    public KernelConfig section(String name) {
        Map<String, String> sub = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(name + ".")) {
                sub.put(k.substring(name.length() + 1), v);
            }
        });
        return new MapConfig(sub);
    }
}
