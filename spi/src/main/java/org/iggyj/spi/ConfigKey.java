package org.iggyj.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of a plugin's config section: its name relative to the section (dotted for a sub-table,
 * {@code tls.enabled}), its type and its default. Immutable; plugins keep their keys as constants
 * and read them with {@link KernelConfig#get(ConfigKey)}.
 *
 * <p>The default is what the section holds when neither {@code server.toml} nor an {@code IGGY_*}
 * variable sets the key; it is also what {@code runtime/current_config.toml} shows. A key without a
 * default ({@link #withoutDefault()}) is valid but unset unless configured.
 *
 * @param <T> the Java type {@link KernelConfig#get(ConfigKey)} returns
 */
public final class ConfigKey<T> {

    /** The kinds of value a key can hold, and how each is written in TOML. */
    public enum Type {
        /** A string. */
        STRING,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A 64-bit integer. */
        INTEGER,
        /** A byte size, as text ({@code "100 KB"}) or a bare integer of bytes; read as a {@code Long}. */
        BYTES,
        /** A duration as text ({@code "5 s"}, {@code "1 h 30 m"}); read as a {@link Duration}. */
        DURATION,
        /** A list of strings. */
        STRINGS
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final boolean secret;

    private ConfigKey(String name, Type type, Object defaultValue, boolean secret) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("a config key needs a name such as \"address\" or \"tls.enabled\"");
        }
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.secret = secret;
    }

    /**
     * @param name         the key, relative to its section
     * @param defaultValue its default
     * @return a string key
     */
    public static ConfigKey<String> string(String name, String defaultValue) {
        return new ConfigKey<>(name, Type.STRING, Objects.requireNonNull(defaultValue, name), false);
    }

    /**
     * @param name         the key, relative to its section
     * @param defaultValue its default
     * @return a boolean key
     */
    public static ConfigKey<Boolean> bool(String name, boolean defaultValue) {
        return new ConfigKey<>(name, Type.BOOLEAN, defaultValue, false);
    }

    /**
     * @param name         the key, relative to its section
     * @param defaultValue its default
     * @return an integer key
     */
    public static ConfigKey<Long> integer(String name, long defaultValue) {
        return new ConfigKey<>(name, Type.INTEGER, defaultValue, false);
    }

    /**
     * @param name         the key, relative to its section
     * @param defaultValue its default in Iggy's notation, e.g. {@code "1 MB"}; checked by the kernel at startup
     * @return a byte-size key, read as a number of bytes
     */
    public static ConfigKey<Long> bytes(String name, String defaultValue) {
        return new ConfigKey<>(name, Type.BYTES, Objects.requireNonNull(defaultValue, name), false);
    }

    /**
     * @param name         the key, relative to its section
     * @param defaultValue its default in Iggy's notation, e.g. {@code "5 s"}; checked by the kernel at startup
     * @return a duration key
     */
    public static ConfigKey<Duration> duration(String name, String defaultValue) {
        return new ConfigKey<>(name, Type.DURATION, Objects.requireNonNull(defaultValue, name), false);
    }

    /**
     * @param name         the key, relative to its section
     * @param defaultValue its default
     * @return a list-of-strings key
     */
    public static ConfigKey<List<String>> strings(String name, List<String> defaultValue) {
        return new ConfigKey<>(name, Type.STRINGS, List.copyOf(defaultValue), false);
    }

    /**
     * @return this key without a default: valid in the section, unset unless configured
     */
    public ConfigKey<T> withoutDefault() {
        return new ConfigKey<>(name, type, null, secret);
    }

    /**
     * @return this key marked secret: its value is masked in {@code runtime/current_config.toml} and logs
     */
    public ConfigKey<T> secret() {
        return new ConfigKey<>(name, type, defaultValue, true);
    }

    /** @return the key relative to its section, possibly dotted */
    public String name() {
        return name;
    }

    /** @return the kind of value */
    public Type type() {
        return type;
    }

    /**
     * @return the default as written in TOML ({@code String}, {@code Long}, {@code Boolean} or a
     *         {@code List<String>}; byte sizes and durations as their text), empty without one
     */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return whether the value is masked wherever the configuration is shown */
    public boolean isSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return name + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
