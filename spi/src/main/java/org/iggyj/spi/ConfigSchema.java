package org.iggyj.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A plugin's declaration of its own top-level config section ({@code [line]}): every key it reads,
 * with types and defaults. The kernel treats a declared section exactly as its own: it checks every
 * key of the section in {@code server.toml} (an unknown key or a wrong type fails startup, all
 * problems listed in one error), applies {@code IGGY_<SECTION>_<KEY>} environment variables, fills
 * in the defaults, writes the result into {@code runtime/current_config.toml} and hands the section
 * to the plugin as {@link TransportContext#config()} / {@link MetricsContext#config()}.
 *
 * <p>Declared by {@link ConfiguredExtension#configSchemas()}. Immutable.
 *
 * <pre>{@code
 * static final ConfigKey<String> ADDRESS = ConfigKey.string("address", "127.0.0.1:8095");
 * static final ConfigSchema SCHEMA = ConfigSchema.of("line", ConfigKey.bool("enabled", true), ADDRESS);
 * }</pre>
 */
public final class ConfigSchema {

    private final String section;
    private final List<ConfigKey<?>> keys;

    private ConfigSchema(String section, List<ConfigKey<?>> keys) {
        if (section == null || !section.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a plugin's config section is one lower-case top-level name such as"
                    + " \"line\", got \"" + section + "\"");
        }
        Set<String> names = new HashSet<>();
        for (ConfigKey<?> key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("[" + section + "] declares key " + key.name() + " twice");
            }
        }
        for (String name : names) {
            // A key may not be a leaf and a table at once ("tls" and "tls.enabled").
            if (names.stream().anyMatch(other -> other.startsWith(name + "."))) {
                throw new IllegalArgumentException("[" + section + "] declares " + name
                        + " both as a key and as a table");
            }
        }
        this.section = section;
        this.keys = List.copyOf(keys);
    }

    /**
     * @param section the top-level section name, also the prefix of its variables ({@code IGGY_LINE_...})
     * @param keys    every key of the section
     * @return the schema
     * @throws IllegalArgumentException when the section name is not a lower-case identifier, or a key
     *                                  is declared twice
     */
    public static ConfigSchema of(String section, ConfigKey<?>... keys) {
        return new ConfigSchema(section, List.of(keys));
    }

    /**
     * @param section the top-level section name
     * @param keys    every key of the section
     * @return the schema
     */
    public static ConfigSchema of(String section, List<ConfigKey<?>> keys) {
        return new ConfigSchema(section, new ArrayList<>(keys));
    }

    /** @return the top-level section name */
    public String section() {
        return section;
    }

    /** @return the declared keys, in declaration order */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "ConfigSchema[" + section + ", " + keys + "]";
    }
}
