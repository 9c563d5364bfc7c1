package org.iggyj.kernel.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The config sections plugins declare ({@link ConfigSchema}), turned into what the loader works with:
 * a default layer, the types of keys without a default, the secrets, and the value checks for byte
 * sizes and durations. Also decides who owns a top-level section:
 * <ul>
 *   <li>the kernel: {@link ConfigKeys#KERNEL_SECTIONS}; a plugin may not declare one;</li>
 *   <li>a started plugin that declared it: its schema replaces whatever the built-in layer has;</li>
 *   <li>the built-in layer, for plugin sections shipped in {@code server.toml} whose plugin declares
 *       nothing (checked against the shipped keys, as before plugins could declare);</li>
 *   <li>nobody: a section of an absent plugin, or one outside the profile; warned about and ignored.</li>
 * </ul>
 * {@link #unbound()} stands for "plugins not loaded yet": unknown sections are then set aside silently,
 * to be judged when the plugins are known. Immutable.
 */
final class PluginSections {

    private static final PluginSections UNBOUND = new PluginSections(List.of(), false);

    private final Map<String, ConfigSchema> bySection = new LinkedHashMap<>();
    private final List<String> declarationProblems = new ArrayList<>();
    private final boolean bound;

    private PluginSections(List<ConfigSchema> schemas, boolean bound) {
        this.bound = bound;
        for (ConfigSchema schema : schemas) {
            String section = schema.section();
            if (ConfigKeys.KERNEL_SECTIONS.contains(section)) {
                declarationProblems.add("[" + section + "] is a kernel section; a plugin cannot declare it");
            } else if (bySection.putIfAbsent(section, schema) != null) {
                declarationProblems.add("[" + section + "] is declared by two plugins");
            }
        }
    }

    /** @return the state before plugins are loaded */
    static PluginSections unbound() {
        return UNBOUND;
    }

    /**
     * @param schemas what the started plugins declared
     * @return the sections, with plugins known
     */
    static PluginSections bound(List<ConfigSchema> schemas) {
        return new PluginSections(schemas, true);
    }

    /** @return whether the plugins are known, so unclaimed sections and variables can be reported */
    boolean isBound() {
        return bound;
    }

    /** @return the declared top-level section names */
    Set<String> sections() {
        return bySection.keySet();
    }

    /** @return the declared schemas */
    List<ConfigSchema> schemas() {
        return List.copyOf(bySection.values());
    }

    void reportDeclarationProblems(Problems problems) {
        declarationProblems.forEach(problem -> problems.add(new IllegalArgumentException(problem)));
    }

    /**
     * Replaces the built-in layer's version of every declared section with the declared defaults.
     *
     * @param builtIn the built-in default layer, changed in place
     */
    void applyDefaults(Map<String, Object> builtIn) {
        for (ConfigSchema schema : bySection.values()) {
            Map<String, Object> table = new LinkedHashMap<>();
            for (ConfigKey<?> key : schema.keys()) {
                if (key.type() == ConfigKey.Type.TABLES) {
                    // An empty array would read as a list of strings; its fields make it known instead.
                    List<Object> elements = elements(key);
                    if (!elements.isEmpty()) {
                        ConfigTree.put(table, List.of(key.name().split("\\.")), elements);
                    }
                    continue;
                }
                key.defaultValue().ifPresent(value -> ConfigTree.put(table, List.of(key.name().split("\\.")),
                        value instanceof List ? new ArrayList<>((List<?>) value) : value));
            }
            builtIn.put(schema.section(), table);
        }
    }

    /**
     * @param shippedOptional the kernel's own list of keys without defaults
     * @return the key paths without defaults and their types: the kernel's, minus declared sections,
     *         plus the declared ones
     */
    Map<String, Class<?>> optionalKeys(Map<String, Class<?>> shippedOptional) {
        Map<String, Class<?>> optional = new HashMap<>();
        shippedOptional.forEach((path, type) -> {
            if (!bySection.containsKey(topLevel(path))) {
                optional.put(path, type);
            }
        });
        for (ConfigSchema schema : bySection.values()) {
            for (ConfigKey<?> key : schema.keys()) {
                if (key.type() == ConfigKey.Type.TABLES) {
                    // Every field is optional in an element; the kernel fills in the defaults.
                    key.fields().forEach(field -> optional.put(elementPath(schema, key, field), typeOf(field.type())));
                } else if (key.defaultValue().isEmpty()) {
                    optional.put(path(schema, key), typeOf(key.type()));
                }
            }
        }
        return optional;
    }

    /** @return the paths of every secret key: the kernel's and the declared ones */
    Set<String> secrets() {
        Set<String> secrets = new TreeSet<>(ConfigKeys.SECRETS);
        for (ConfigSchema schema : bySection.values()) {
            schema.keys().stream().filter(ConfigKey::isSecret).forEach(key -> secrets.add(path(schema, key)));
            for (ConfigKey<?> key : schema.keys()) {
                key.fields().stream().filter(ConfigKey::isSecret)
                        .forEach(field -> secrets.add(elementPath(schema, key, field)));
            }
        }
        return secrets;
    }

    /**
     * Checks that every declared byte size and duration parses, so a plugin never meets a bad one, and
     * fills each element of a declared array of tables with the defaults of the fields it lacks.
     */
    @SuppressWarnings("unchecked")
    void checkValues(Map<String, Object> tree, Problems problems) {
        for (ConfigSchema schema : bySection.values()) {
            for (ConfigKey<?> key : schema.keys()) {
                Object value = ConfigTree.get(tree, path(schema, key));
                if (value == null) {
                    continue;
                }
                if (key.type() != ConfigKey.Type.TABLES) {
                    checkValue(key, value, path(schema, key), problems);
                    continue;
                }
                List<Object> elements = value instanceof List ? (List<Object>) value : List.of();
                for (int i = 0; i < elements.size(); i++) {
                    if (!(elements.get(i) instanceof Map)) {
                        continue; // reported by the schema check
                    }
                    Map<String, Object> element = (Map<String, Object>) elements.get(i);
                    for (ConfigKey<?> field : key.fields()) {
                        List<String> fieldPath = List.of(field.name().split("\\."));
                        Object fieldValue = ConfigTree.get(element, field.name());
                        if (fieldValue != null) {
                            checkValue(field, fieldValue, path(schema, key) + "[" + i + "]." + field.name(), problems);
                        } else {
                            field.defaultValue().ifPresent(fallback -> ConfigTree.put(element, fieldPath,
                                    fallback instanceof List ? new ArrayList<>((List<?>) fallback) : fallback));
                        }
                    }
                }
            }
        }
    }

    private static void checkValue(ConfigKey<?> key, Object value, String path, Problems problems) {
        try {
            if (key.type() == ConfigKey.Type.BYTES) {
                ByteSize.parse(String.valueOf(value));
            } else if (key.type() == ConfigKey.Type.DURATION) {
                HumanDuration.parse(String.valueOf(value));
            }
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
        }
    }

    /** @return the declared default elements of an array of tables, as mutable tables */
    private static List<Object> elements(ConfigKey<?> key) {
        List<Object> elements = new ArrayList<>();
        for (Object element : (List<?>) key.defaultValue().orElse(List.of())) {
            Map<String, Object> table = new LinkedHashMap<>();
            // In declaration order, so current_config.toml reads the same on every start.
            for (ConfigKey<?> field : key.fields()) {
                Object value = ((Map<?, ?>) element).get(field.name());
                if (value != null) {
                    ConfigTree.put(table, List.of(field.name().split("\\.")),
                            value instanceof List ? new ArrayList<>((List<?>) value) : value);
                }
            }
            elements.add(table);
        }
        return elements;
    }

    private static String elementPath(ConfigSchema schema, ConfigKey<?> key, ConfigKey<?> field) {
        return path(schema, key) + "." + KeySchema.ELEMENT + "." + field.name();
    }

    /**
     * @param name an {@code IGGY_*} variable that names no known key
     * @param knownSections the top-level sections known to this load
     * @return whether to warn about it now: always once plugins are known; before that only when it
     *         falls into a known section (a variable for a plugin's own section waits for the plugin)
     */
    boolean shouldWarnAboutVariable(String name, Set<String> knownSections) {
        return bound || knownSections.stream()
                .anyMatch(section -> name.startsWith("IGGY_" + section.toUpperCase(Locale.ROOT) + "_"));
    }

    private static String path(ConfigSchema schema, ConfigKey<?> key) {
        return schema.section() + "." + key.name();
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static Class<?> typeOf(ConfigKey.Type type) {
        return switch (type) {
            case BOOLEAN -> Boolean.class;
            case INTEGER -> Long.class;
            case STRINGS -> List.class;
            case STRING, BYTES, DURATION -> String.class;
            case TABLES -> throw new IllegalArgumentException("an array of tables inside an array of tables");
        };
    }
}
