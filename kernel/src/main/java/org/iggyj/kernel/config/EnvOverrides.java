package org.iggyj.kernel.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code IGGY_*} environment variables on top of the merged file layers.
 *
 * <p>A variable's name is {@code IGGY_} plus the key path upper-cased with dots turned into
 * underscores. Keys themselves contain underscores, so a name cannot be split back into a path;
 * instead every known key (from {@link KeySchema}) is turned into its variable name and the
 * variable is looked up in that table. Elements of arrays of tables are addressed by index 0–9
 * ({@code IGGY_CLUSTER_NODE_OTHERS_0_NAME}). Values: empty is ignored, {@code [a, b]} is a list,
 * {@code true}/{@code false} (any case) a boolean, an integer a number, anything else a string.
 */
final class EnvOverrides {

    private static final String PREFIX = "IGGY_";
    private static final int MAX_ELEMENT_INDEX = 9;

    private final KeySchema schema;
    private final Map<String, List<String>> pathsByName = new HashMap<>();

    EnvOverrides(KeySchema schema) {
        this.schema = schema;
        for (String leaf : schema.leaves().keySet()) {
            expand(new ArrayList<>(), Arrays.asList(leaf.split("\\.")), 0);
        }
    }

    private void expand(List<String> prefix, List<String> segments, int at) {
        if (at == segments.size()) {
            String name = PREFIX + String.join("_", prefix).toUpperCase(Locale.ROOT);
            // First key wins should two paths ever spell the same name; none do in the shipped file.
            pathsByName.putIfAbsent(name, List.copyOf(prefix));
            return;
        }
        String segment = segments.get(at);
        if (!segment.equals(KeySchema.ELEMENT)) {
            prefix.add(segment);
            expand(prefix, segments, at + 1);
            prefix.remove(prefix.size() - 1);
            return;
        }
        for (int index = 0; index <= MAX_ELEMENT_INDEX; index++) {
            prefix.add(Integer.toString(index));
            expand(prefix, segments, at + 1);
            prefix.remove(prefix.size() - 1);
        }
    }

    /**
     * @param env      the process environment
     * @param tree     the merged tree, changed in place
     * @param problems receives values of the wrong type
     * @param warnings receives unknown {@code IGGY_*} variable names
     */
    void apply(Map<String, String> env, Map<String, Object> tree, Problems problems, List<String> warnings) {
        apply(env, tree, problems, warnings, name -> true);
    }

    /**
     * As {@link #apply(Map, Map, Problems, List)}, warning about an unknown variable only when
     * {@code warnAbout} says so (a variable of a plugin's section waits until the plugins are known).
     */
    void apply(Map<String, String> env, Map<String, Object> tree, Problems problems, List<String> warnings,
               java.util.function.Predicate<String> warnAbout) {
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX) || ConfigKeys.NOT_CONFIG_ENV.contains(name)
                || name.startsWith(ConfigKeys.TEST_ENV_PREFIX) || variable.getValue().isEmpty()) {
                continue;
            }
            List<String> path = pathsByName.get(name);
            if (path == null) {
                if (warnAbout.test(name)) {
                    warnings.add("ignoring environment variable " + name + ": it names no configuration key"
                        + " of the kernel or of a started plugin");
                }
                continue;
            }
            try {
                Object value = schema.conformLeaf(KeySchema.schemaPath(path), parse(variable.getValue()));
                ConfigTree.put(tree, path, value);
            } catch (IllegalArgumentException e) {
                problems.add(ConfigTree.display(path) + " (from " + name + ")", e.getMessage());
            }
        }
    }

    /** Turns an environment value into a list, boolean, integer or string. */
    static Object parse(String raw) {
        String text = raw.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            List<Object> items = new ArrayList<>();
            String inner = text.substring(1, text.length() - 1).trim();
            if (!inner.isEmpty()) {
                for (String item : inner.split(",", -1)) {
                    items.add(unquote(item.trim()));
                }
            }
            return items;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        return raw;
    }

    private static String unquote(String item) {
        boolean quoted = item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
            || item.startsWith("'") && item.endsWith("'"));
        return quoted ? item.substring(1, item.length() - 1) : item;
    }
}
