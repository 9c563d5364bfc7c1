package org.iggyj.kernel.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a config tree back as TOML, for {@code runtime/current_config.toml} and for logging the
 * effective configuration. Secrets ({@link ConfigKeys#SECRETS}) are written as {@link #MASK} when
 * set. Layout: a table's plain keys first, then its sub-tables, then its arrays of tables, so the
 * output is valid TOML that night-config reads back to the same tree. Stateless.
 */
final class TomlRenderer {

    /** What a set secret is shown as. */
    static final String MASK = "******";

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final Map<String, Object> overrides;
    private final java.util.Set<String> secrets;
    private final StringBuilder out = new StringBuilder();

    private TomlRenderer(Map<String, Object> overrides, java.util.Set<String> secrets) {
        this.overrides = overrides;
        this.secrets = secrets;
    }

    /**
     * @param root      the tree
     * @param overrides values to show instead of the tree's, by dotted key path (existing keys only)
     * @return the TOML text
     */
    static String render(Map<String, Object> root, Map<String, Object> overrides) {
        return render(root, overrides, ConfigKeys.SECRETS);
    }

    /**
     * @param root      the tree
     * @param overrides values to show instead of the tree's, by dotted key path (existing keys only)
     * @param secrets   dotted paths of the keys to mask
     * @return the TOML text
     */
    static String render(Map<String, Object> root, Map<String, Object> overrides, java.util.Set<String> secrets) {
        TomlRenderer renderer = new TomlRenderer(overrides, secrets);
        renderer.table("", "", root);
        return renderer.out.toString();
    }

    @SuppressWarnings("unchecked")
    private void table(String path, String header, Map<String, Object> table) {
        if (!header.isEmpty()) {
            out.append(out.length() == 0 ? "" : "\n").append(header).append('\n');
        }
        table.forEach((key, value) -> {
            if (!(value instanceof Map) && !isTableArray(value)) {
                String keyPath = ConfigTree.join(path, key);
                out.append(key(key)).append(" = ").append(value(shown(keyPath, value))).append('\n');
            }
        });
        table.forEach((key, value) -> {
            if (value instanceof Map) {
                String child = ConfigTree.join(path, key);
                table(child, "[" + headerPath(child) + "]", (Map<String, Object>) value);
            }
        });
        table.forEach((key, value) -> {
            if (isTableArray(value)) {
                String child = ConfigTree.join(path, key);
                List<Object> items = (List<Object>) value;
                for (int i = 0; i < items.size(); i++) {
                    // Keys inside an element are addressed by index for overrides and masking.
                    table(child + "." + i, "[[" + headerPath(child) + "]]", (Map<String, Object>) items.get(i));
                }
            }
        });
    }

    private Object shown(String keyPath, Object value) {
        if (overrides.containsKey(keyPath)) {
            return overrides.get(keyPath);
        }
        boolean secret = secrets.contains(keyPath)
            || secrets.contains(KeySchema.schemaPath(java.util.Arrays.asList(keyPath.split("\\."))));
        if (secret && !String.valueOf(value).isEmpty()) {
            return MASK;
        }
        return value;
    }

    /** Header paths name the array, not the element: drop the index segments. */
    private static String headerPath(String path) {
        StringBuilder header = new StringBuilder();
        for (String segment : path.split("\\.")) {
            if (!ConfigTree.isIndex(segment)) {
                header.append(header.length() == 0 ? "" : ".").append(key(segment));
            }
        }
        return header.toString();
    }

    private static boolean isTableArray(Object value) {
        return value instanceof List && !((List<?>) value).isEmpty()
            && ((List<?>) value).stream().allMatch(item -> item instanceof Map);
    }

    private static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : quote(key);
    }

    private static String value(Object value) {
        if (value instanceof List) {
            StringBuilder list = new StringBuilder("[");
            for (Object item : (List<?>) value) {
                list.append(list.length() == 1 ? "" : ", ").append(value(item));
            }
            return list.append(']').toString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean || value instanceof Double) {
            return String.valueOf(value);
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    quoted.append("\\\"");
                    break;
                case '\\':
                    quoted.append("\\\\");
                    break;
                case '\n':
                    quoted.append("\\n");
                    break;
                case '\t':
                    quoted.append("\\t");
                    break;
                case '\r':
                    quoted.append("\\r");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
            }
        }
        return quoted.append('"').toString();
    }
}
