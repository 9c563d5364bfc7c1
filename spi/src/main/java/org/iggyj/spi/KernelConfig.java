package org.iggyj.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of one section of the server configuration, with typed getters. Keys are
 * relative to the section and may be dotted ({@code tls.enabled}). Values have already been
 * merged from the built-in defaults, {@code server.toml} and {@code IGGY_*} environment overrides.
 * Byte sizes and durations accept the Iggy notations ({@code "100 KB"}, {@code "5 s"}).
 */
public interface KernelConfig {

    /**
     * @param key a key relative to this section
     * @return whether the key has a value
     */
    boolean has(String key);

    /**
     * @param key          a key relative to this section
     * @param defaultValue returned when the key is absent
     * @return the string value
     */
    String string(String key, String defaultValue);

    /**
     * @param key          a key relative to this section
     * @param defaultValue returned when the key is absent
     * @return the boolean value
     * @throws IllegalArgumentException when the value is not a boolean
     */
    boolean bool(String key, boolean defaultValue);

    /**
     * @param key          a key relative to this section
     * @param defaultValue returned when the key is absent
     * @return the integer value
     * @throws IllegalArgumentException when the value is not an integer
     */
    long integer(String key, long defaultValue);

    /**
     * @param key          a key relative to this section
     * @param defaultValue returned when the key is absent
     * @return the size in bytes ({@code KB} decimal, {@code KiB} binary, bare integers are bytes)
     * @throws IllegalArgumentException when the value is not a byte size
     */
    long bytes(String key, long defaultValue);

    /**
     * @param key          a key relative to this section
     * @param defaultValue returned when the key is absent
     * @return the duration
     * @throws IllegalArgumentException when the value is not a duration
     */
    Duration duration(String key, Duration defaultValue);

    /**
     * @param key a key relative to this section
     * @return the list of strings, empty when absent
     */
    List<String> strings(String key);

    /**
     * @param name a sub-section name, possibly dotted
     * @return a view of that sub-section (empty when absent)
     */
    KernelConfig section(String name);

    /**
     * @param key an array of tables ({@code [[key]]}) relative to this section
     * @return one view per element, in file order; empty when absent
     * @throws UnsupportedOperationException from a view that holds no arrays of tables (the
     *                                       kernel's views all do)
     */
    default List<KernelConfig> tables(String key) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no arrays of tables");
    }

    /**
     * Reads a declared key with its declared type and default (see {@link ConfigSchema}).
     *
     * @param key a key of this section
     * @param <T> its Java type
     * @return the configured value, else the key's default
     * @throws IllegalArgumentException when the key is unset and has no default, or holds a value of the wrong type
     */
    default <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(key.name() + " is not set and has no default"));
    }

    /**
     * As {@link #get(ConfigKey)}, for keys declared {@link ConfigKey#withoutDefault() without a default}.
     *
     * @param key a key of this section
     * @param <T> its Java type
     * @return the configured value, else the key's default, else empty
     * @throws IllegalArgumentException when the value has the wrong type
     */
    @SuppressWarnings("unchecked")
    default <T> Optional<T> find(ConfigKey<T> key) {
        String name = key.name();
        Object fallback = key.defaultValue().orElse(null);
        if (!has(name) && fallback == null) {
            return Optional.empty();
        }
        Object value = switch (key.type()) {
            case STRING -> string(name, (String) fallback);
            case BOOLEAN -> bool(name, fallback != null && (Boolean) fallback);
            case INTEGER -> integer(name, fallback == null ? 0 : (Long) fallback);
            // The kernel writes declared defaults into the section, so only a hand-made view lacks them.
            case BYTES -> has(name) ? (Object) bytes(name, 0) : notSet(name);
            case DURATION -> has(name) ? duration(name, null) : notSet(name);
            case STRINGS -> has(name) ? strings(name) : fallback;
            // The kernel writes the declared elements, and each element's field defaults, into the section.
            case TABLES -> has(name) ? tables(name) : List.of();
        };
        return Optional.ofNullable((T) value);
    }

    private Object notSet(String name) {
        throw new IllegalArgumentException(name + " is not set");
    }
}
