package org.iggyj.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * plugin.properties (read in PF4J development mode) must say what the jar manifest says; the pom's
 * values reach the test as system properties set by surefire in plugins/pom.xml.
 */
class PluginPropertiesTest {

    @Test
    void shouldMatchTheManifestValuesOfThePom() throws IOException {
        assumeTrue(System.getProperty("pom.plugin.id") != null, "run through Maven");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("plugin.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }

        assertEquals(System.getProperty("pom.plugin.id"), properties.getProperty("plugin.id"));
        assertEquals(System.getProperty("pom.plugin.class"), properties.getProperty("plugin.class"));
        assertEquals(System.getProperty("pom.plugin.version"), properties.getProperty("plugin.version"));
        assertEquals(System.getProperty("pom.plugin.provider"), properties.getProperty("plugin.provider"));
        assertEquals(HttpTransport.NAME, properties.getProperty("plugin.id"));
        assertEquals(HttpPlugin.class.getName(), properties.getProperty("plugin.class"));
    }
}
