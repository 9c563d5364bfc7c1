package org.iggyj.spi;

import java.time.Duration;
import java.util.List;

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
}
