package org.iggyj.kernel.config;

import com.electronwill.nightconfig.core.UnmodifiableConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers over the plain tree the configuration is held in, so nothing past {@link ConfigLoader}
 * sees night-config types. A tree is a {@code Map<String, Object>} whose values are {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, a nested map (a table) or a {@code List} (of
 * scalars, or of maps for an array of tables). Paths are lists of segments; a segment addressing a
 * list element is its decimal index.
 */
final class ConfigTree {

    private ConfigTree() {
    }

    /** Copies a parsed night-config document into a mutable plain tree. */
    static Map<String, Object> fromConfig(UnmodifiableConfig config) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (UnmodifiableConfig.Entry entry : config.entrySet()) {
            table.put(entry.getKey(), plain(entry.getValue()));
        }
        return table;
    }

    private static Object plain(Object value) {
        if (value instanceof UnmodifiableConfig) {
            return fromConfig((UnmodifiableConfig) value);
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            for (Object element : (List<?>) value) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        // TOML dates and times: not used by any key, kept as their text so they can be reported.
        return String.valueOf(value);
    }

    /** @return the path as messages show it: {@code http.jwt.trusted_issuers[1].user_id} */
    static String display(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String segment : path) {
            if (isIndex(segment)) {
                text.append('[').append(segment).append(']');
            } else {
                text.append(text.length() == 0 ? "" : ".").append(segment);
            }
        }
        return text.toString();
    }

    /** @return the value at the dotted path, or null when any step is missing */
    static Object get(Map<String, Object> root, String dottedPath) {
        if (dottedPath.isEmpty()) {
            return root;
        }
        Object node = root;
        for (String segment : dottedPath.split("\\.", -1)) {
            node = child(node, segment);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static Object child(Object node, String segment) {
        if (node instanceof Map) {
            return ((Map<?, ?>) node).get(segment);
        }
        if (node instanceof List && isIndex(segment)) {
            List<?> list = (List<?>) node;
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    /**
     * Sets a value, creating missing tables, and list elements up to the addressed index (as empty
     * tables) so {@code IGGY_..._1_NAME} can add a second entry to an array of tables.
     */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> root, List<String> path, Object value) {
        Object node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            boolean nextIsIndex = isIndex(path.get(i + 1));
            if (node instanceof List) {
                List<Object> list = (List<Object>) node;
                int index = Integer.parseInt(segment);
                while (list.size() <= index) {
                    list.add(new LinkedHashMap<String, Object>());
                }
                node = list.get(index);
                continue;
            }
            Map<String, Object> table = (Map<String, Object>) node;
            Object next = table.get(segment);
            if (!(next instanceof Map) && !(next instanceof List)) {
                next = nextIsIndex ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                table.put(segment, next);
            }
            node = next;
        }
        ((Map<String, Object>) node).put(path.get(path.size() - 1), value);
    }

    /** Overlays {@code top} onto {@code base}: tables merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> base, Map<String, Object> top) {
        for (Map.Entry<String, Object> entry : top.entrySet()) {
            Object below = base.get(entry.getKey());
            if (below instanceof Map && entry.getValue() instanceof Map) {
                merge((Map<String, Object>) below, (Map<String, Object>) entry.getValue());
            } else {
                base.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** @return a deep, unmodifiable copy */
    static Map<String, Object> freeze(Map<String, Object> table) {
        Map<String, Object> copy = new LinkedHashMap<>();
        table.forEach((key, value) -> copy.put(key, freezeValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map) {
            return freeze((Map<String, Object>) value);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object element : (List<Object>) value) {
                copy.add(freezeValue(element));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.length() <= 4 && segment.chars().allMatch(Character::isDigit);
    }

    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
