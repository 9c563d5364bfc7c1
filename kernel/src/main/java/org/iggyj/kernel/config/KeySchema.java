package org.iggyj.kernel.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set of known keys and their value types, taken from the built-in default layer (every key has
 * a default there) plus {@link ConfigKeys#OPTIONAL} for the few keys that are unset by default.
 * Elements of an array of tables share one schema path with the segment {@code []}
 * ({@code http.jwt.trusted_issuers.[].issuer}); problems name the element by index
 * ({@code http.jwt.trusted_issuers[1].issuer}). Immutable after construction.
 */
final class KeySchema {

    static final String ELEMENT = "[]";

    private final Map<String, Class<?>> leaves = new LinkedHashMap<>();
    private final Set<String> tables = new HashSet<>();
    private final Set<String> tableArrays = new HashSet<>();

    private KeySchema() {
    }

    static KeySchema of(Map<String, Object> defaults) {
        return of(defaults, ConfigKeys.OPTIONAL);
    }

    /**
     * @param defaults the default layer: every key in it is known, with its value's type
     * @param optional further known keys that have no default, with their types
     * @return the schema
     */
    static KeySchema of(Map<String, Object> defaults, Map<String, Class<?>> optional) {
        KeySchema schema = new KeySchema();
        schema.learnTable("", defaults);
        schema.leaves.putAll(optional);
        for (String path : optional.keySet()) {
            // A key without a default may sit in a table nothing else creates ([line.tls] cert_file),
            // or in an array of tables that is empty by default (a.[].b: "a" is an array, "a.[]" a table).
            String[] segments = path.split("\\.");
            for (int end = 1; end < segments.length; end++) {
                String table = String.join(".", java.util.Arrays.asList(segments).subList(0, end));
                if (segments[end].equals(ELEMENT)) {
                    schema.tableArrays.add(table);
                    schema.tables.remove(table);
                    schema.leaves.remove(table);
                } else if (!schema.tableArrays.contains(table)) {
                    schema.tables.add(table);
                }
            }
        }
        return schema;
    }

    /** @return whether {@code name} is a known top-level table */
    boolean hasTopLevelTable(String name) {
        return tables.contains(name);
    }

    /** @return the known top-level tables */
    Set<String> topLevelTables() {
        Set<String> names = new HashSet<>();
        tables.stream().filter(table -> !table.contains(".")).forEach(names::add);
        return names;
    }

    @SuppressWarnings("unchecked")
    private void learnTable(String path, Map<String, Object> table) {
        for (Map.Entry<String, Object> entry : table.entrySet()) {
            String child = ConfigTree.join(path, entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Map) {
                tables.add(child);
                learnTable(child, (Map<String, Object>) value);
            } else if (isTableArray(value)) {
                tableArrays.add(child);
                String element = child + "." + ELEMENT;
                tables.add(element);
                for (Object item : (List<Object>) value) {
                    learnTable(element, (Map<String, Object>) item);
                }
            } else {
                leaves.put(child, value instanceof List ? List.class : value.getClass());
            }
        }
    }

    private static boolean isTableArray(Object value) {
        return isListOfTables(value) && !((List<?>) value).isEmpty();
    }

    private static boolean isListOfTables(Object value) {
        return value instanceof List && ((List<?>) value).stream().allMatch(item -> item instanceof Map);
    }

    /** @return every leaf schema path and its expected type, in file order */
    Map<String, Class<?>> leaves() {
        return leaves;
    }

    /** @return the schema path of a concrete path: list indices become {@code []} */
    static String schemaPath(List<String> path) {
        List<String> segments = new ArrayList<>(path.size());
        for (String segment : path) {
            segments.add(ConfigTree.isIndex(segment) ? ELEMENT : segment);
        }
        return String.join(".", segments);
    }

    /**
     * Checks a tree read from a file against the schema, in place: values are converted to the
     * expected type where that is lossless, unknown keys and wrong types are reported and removed.
     */
    void conform(Map<String, Object> tree, Problems problems) {
        conformTable("", "", tree, problems);
    }

    @SuppressWarnings("unchecked")
    private void conformTable(String schemaPath, String path, Map<String, Object> table, Problems problems) {
        for (Iterator<Map.Entry<String, Object>> it = table.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> entry = it.next();
            String childSchema = ConfigTree.join(schemaPath, entry.getKey());
            String child = ConfigTree.join(path, entry.getKey());
            Object value = entry.getValue();
            if (tables.contains(childSchema) && value instanceof Map) {
                conformTable(childSchema, child, (Map<String, Object>) value, problems);
            } else if (tableArrays.contains(childSchema) && isListOfTables(value)) {
                List<Object> items = (List<Object>) value;
                for (int i = 0; i < items.size(); i++) {
                    // Messages name an element as TOML readers think of it: trusted_issuers[1].user_id.
                    conformTable(childSchema + "." + ELEMENT, child + "[" + i + "]", (Map<String, Object>) items.get(i),
                        problems);
                }
            } else if (tables.contains(childSchema) || tableArrays.contains(childSchema)) {
                problems.add(child, "expected a table");
                it.remove();
            } else if (!leaves.containsKey(childSchema)) {
                problems.add(child, "unknown key");
                it.remove();
            } else {
                try {
                    entry.setValue(conformLeaf(childSchema, value));
                } catch (IllegalArgumentException e) {
                    problems.add(child, e.getMessage());
                    it.remove();
                }
            }
        }
    }

    /**
     * @return the value converted to the key's type
     * @throws IllegalArgumentException when it cannot be
     */
    Object conformLeaf(String schemaPath, Object value) {
        Class<?> expected = leaves.get(schemaPath);
        if (expected == String.class && isScalar(value)) {
            // Sizes may be written as bare integers and cache_indexes as a boolean: keep them as text.
            return String.valueOf(value);
        }
        if (expected == Long.class && value instanceof Long
            || expected == Boolean.class && value instanceof Boolean) {
            return value;
        }
        if (expected == Double.class && value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (expected == List.class) {
            return conformList(value);
        }
        throw new IllegalArgumentException("expected " + describe(expected) + ", got " + describe(value.getClass())
            + (isScalar(value) ? " \"" + value + "\"" : ""));
    }

    private static List<Object> conformList(Object value) {
        List<Object> items = new ArrayList<>();
        if (isScalar(value)) {
            items.add(String.valueOf(value));
            return items;
        }
        if (value instanceof List) {
            for (Object item : (List<?>) value) {
                if (!isScalar(item)) {
                    throw new IllegalArgumentException("expected a list of strings");
                }
                items.add(String.valueOf(item));
            }
            return items;
        }
        throw new IllegalArgumentException("expected a list of strings");
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static String describe(Class<?> type) {
        if (type == Long.class) {
            return "an integer";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Double.class) {
            return "a number";
        }
        return List.class.isAssignableFrom(type) ? "a list" : "a table";
    }
}
