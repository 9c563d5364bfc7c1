package org.iggyj.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
        STRINGS,
        /**
         * An array of tables ({@code [[section.name]]}), each element holding the declared
         * {@link #fields()}; read as a {@code List<KernelConfig>}, one view per element.
         */
        TABLES
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final boolean secret;
    private final List<ConfigKey<?>> fields;

    private ConfigKey(String name, Type type, Object defaultValue, boolean secret) {
        this(name, type, defaultValue, secret, List.of());
    }

    private ConfigKey(String name, Type type, Object defaultValue, boolean secret, List<ConfigKey<?>> fields) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("a config key needs a name such as \"address\" or \"tls.enabled\"");
        }
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.fields = fields;
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
     * An array of tables, such as {@code [[http.jwt.trusted_issuers]]}. Each element may hold only the
     * declared fields, with their types; a field missing from an element reads as the field's default
     * through the element's view. The kernel names an element by its index in its messages
     * ({@code http.jwt.trusted_issuers[1].user_id: expected an integer ...}) and maps
     * {@code IGGY_<SECTION>_<KEY>_<INDEX>_<FIELD>} variables (index 0-9) onto elements.
     *
     * @param name            the key, relative to its section
     * @param defaultElements the elements the section holds when nothing configures the key, each a
     *                        map from field name to value as written in TOML; usually empty
     * @param fields          what one element may hold; no field may itself be an array of tables
     * @return an array-of-tables key, read as one {@link KernelConfig} per element
     * @throws IllegalArgumentException when a field is an array of tables or is declared twice, or a
     *                                  default element names an undeclared field
     */
    public static ConfigKey<List<KernelConfig>> tables(String name, List<Map<String, Object>> defaultElements,
                                                       ConfigKey<?>... fields) {
        Set<String> names = new HashSet<>();
        for (ConfigKey<?> field : fields) {
            if (field.type == Type.TABLES) {
                throw new IllegalArgumentException(name + ": field " + field.name + " cannot be an array of tables");
            }
            if (!names.add(field.name)) {
                throw new IllegalArgumentException(name + " declares field " + field.name + " twice");
            }
        }
        List<Map<String, Object>> elements = new ArrayList<>();
        for (Map<String, Object> element : defaultElements) {
            for (String field : element.keySet()) {
                if (!names.contains(field)) {
                    throw new IllegalArgumentException(name + ": a default element has the undeclared field " + field);
                }
            }
            elements.add(Collections.unmodifiableMap(new LinkedHashMap<>(element)));
        }
        return new ConfigKey<>(name, Type.TABLES, List.copyOf(elements), false, List.of(fields));
    }

    /**
     * @return this key without a default: valid in the section, unset unless configured
     */
    public ConfigKey<T> withoutDefault() {
        return new ConfigKey<>(name, type, null, secret, fields);
    }

    /**
     * @return this key marked secret: its value is masked in {@code runtime/current_config.toml} and logs
     */
    public ConfigKey<T> secret() {
        if (type == Type.TABLES) {
            throw new IllegalArgumentException(name + ": mark the secret fields of an array of tables, not the array");
        }
        return new ConfigKey<>(name, type, defaultValue, true, fields);
    }

    /** @return the fields of one element of an array of tables ({@link Type#TABLES}); empty for other keys */
    public List<ConfigKey<?>> fields() {
        return fields;
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
     *         {@code List<String>}; byte sizes and durations as their text; for an array of tables a
     *         {@code List<Map<String, Object>>} of elements), empty without one
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
