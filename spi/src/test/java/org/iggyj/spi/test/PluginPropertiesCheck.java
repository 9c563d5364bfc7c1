package org.iggyj.spi.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The check every plugin module runs: {@code plugin.properties} (read in PF4J development mode)
 * must say what the jar manifest says. The pom's values reach the test as system properties set by
 * surefire in {@code plugins/pom.xml}; outside Maven the check is skipped.
 */
public final class PluginPropertiesCheck {

    private PluginPropertiesCheck() {
    }

    /**
     * @param expectedId  the plugin id the module's code uses (its extension's name)
     * @param pluginClass the module's PF4J plugin class
     * @throws IOException when {@code plugin.properties} cannot be read from the module directory
     */
    public static void assertMatchesPom(String expectedId, Class<?> pluginClass) throws IOException {
        assumeTrue(System.getProperty("pom.plugin.id") != null, "run through Maven");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("plugin.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        assertEquals(System.getProperty("pom.plugin.id"), properties.getProperty("plugin.id"));
        assertEquals(System.getProperty("pom.plugin.class"), properties.getProperty("plugin.class"));
        assertEquals(System.getProperty("pom.plugin.version"), properties.getProperty("plugin.version"));
        assertEquals(System.getProperty("pom.plugin.provider"), properties.getProperty("plugin.provider"));
        assertEquals(expectedId, properties.getProperty("plugin.id"));
        assertEquals(pluginClass.getName(), properties.getProperty("plugin.class"));
    }
}
