package org.iggyj.spi.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The check a plugin that ships its section in the project's {@code configs/server.toml} runs: the
 * file (what operators read and edit) shows exactly the keys and defaults the plugin declares. Keys
 * declared without a default must be absent from the file. Run from a plugin module directory.
 */
public final class ShippedSectionCheck {

    private static final Path SHIPPED = Path.of("../../configs/server.toml");

    private ShippedSectionCheck() {
    }

    /**
     * @param schema the plugin's declaration
     * @throws IOException when the shipped file cannot be read
     */
    public static void assertMatchesShippedConfig(ConfigSchema schema) throws IOException {
        assertTrue(Files.isRegularFile(SHIPPED), "run from plugins/<name>: " + SHIPPED.toAbsolutePath());
        UnmodifiableConfig file;
        try (Reader reader = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            file = new TomlParser().parse(reader);
        }
        Object section = file.get(schema.section());
        assertTrue(section instanceof UnmodifiableConfig, "configs/server.toml has no [" + schema.section() + "]");
        Map<String, Object> shipped = new TreeMap<>();
        flatten("", (UnmodifiableConfig) section, shipped);
        Map<String, Object> declared = new TreeMap<>();
        for (ConfigKey<?> key : schema.keys()) {
            key.defaultValue().ifPresent(value -> declared.put(key.name(), normalise(value)));
        }
        assertEquals(declared, shipped, "[" + schema.section() + "] in configs/server.toml vs the plugin's ConfigSchema");
    }

    private static void flatten(String prefix, UnmodifiableConfig table, Map<String, Object> out) {
        for (UnmodifiableConfig.Entry entry : table.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof UnmodifiableConfig) {
                flatten(key + ".", (UnmodifiableConfig) value, out);
            } else {
                out.put(key, normalise(value));
            }
        }
    }

    private static Object normalise(Object value) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value instanceof UnmodifiableConfig) {
            // An element of an array of tables, compared as its flattened keys.
            Map<String, Object> element = new TreeMap<>();
            flatten("", (UnmodifiableConfig) value, element);
            return element;
        }
        if (value instanceof Map) {
            Map<String, Object> element = new TreeMap<>();
            ((Map<?, ?>) value).forEach((key, item) -> element.put(String.valueOf(key), normalise(item)));
            return element;
        }
        if (value instanceof List) {
            List<Object> items = new ArrayList<>();
            ((List<?>) value).forEach(item -> items.add(normalise(item)));
            return items;
        }
        return value;
    }
}
