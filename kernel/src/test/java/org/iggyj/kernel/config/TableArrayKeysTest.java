package org.iggyj.kernel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.KernelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arrays of tables ({@link ConfigKey#tables}) in a plugin's declared section, through the real loader. */
class TableArrayKeysTest {

    private static final ConfigKey<String> HOST = ConfigKey.string("host", "localhost");
    private static final ConfigKey<Long> WEIGHT = ConfigKey.integer("weight", 1);
    private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", "5 s");
    private static final ConfigKey<String> TOKEN = ConfigKey.string("token", "").secret();
    private static final ConfigKey<Long> USER_ID = ConfigKey.integer("user_id", 0).withoutDefault();
    private static final ConfigKey<List<KernelConfig>> UPSTREAMS = ConfigKey.tables("proxy.upstreams",
            List.of(Map.of("host", "a.example", "weight", 2L)), HOST, WEIGHT, TIMEOUT, TOKEN, USER_ID);
    private static final ConfigKey<List<KernelConfig>> MIRRORS = ConfigKey.tables("mirrors", List.of(), HOST, WEIGHT);
    private static final ConfigSchema LINE = ConfigSchema.of("line", ConfigKey.bool("enabled", true), UPSTREAMS,
            MIRRORS);

    @TempDir
    Path dir;

    private ServerConfig load(Map<String, String> env) {
        return ConfigLoader.loadBeforePlugins(env, dir).withPluginSections(List.of(LINE));
    }

    private void writeConfig(String toml) throws IOException {
        Path file = dir.resolve("configs/server.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
    }

    @Test
    void shouldHandTheDeclaredElementsWithFieldDefaultsWhenNothingIsConfigured() {
        KernelConfig line = load(Map.of()).section("line");

        List<KernelConfig> upstreams = line.get(UPSTREAMS);
        assertEquals(1, upstreams.size());
        assertEquals("a.example", upstreams.get(0).get(HOST));
        assertEquals(2L, upstreams.get(0).get(WEIGHT));
        assertEquals(Duration.ofSeconds(5), upstreams.get(0).get(TIMEOUT), "a missing field reads as its default");
        assertTrue(upstreams.get(0).find(USER_ID).isEmpty());
        assertEquals(List.of(), line.get(MIRRORS), "an empty default is an empty list");
    }

    @Test
    void shouldReadConfiguredElementsInFileOrder() throws IOException {
        writeConfig("[[line.mirrors]]\nhost = \"m1\"\n[[line.mirrors]]\nhost = \"m2\"\nweight = 7\n"
                + "[[line.proxy.upstreams]]\nhost = \"b\"\nuser_id = 3\ntimeout = \"2 m\"\n");

        KernelConfig line = load(Map.of()).section("line");

        List<KernelConfig> mirrors = line.get(MIRRORS);
        assertEquals(List.of("m1", "m2"), mirrors.stream().map(mirror -> mirror.get(HOST)).toList());
        assertEquals(List.of(1L, 7L), mirrors.stream().map(mirror -> mirror.get(WEIGHT)).toList());
        KernelConfig upstream = line.get(UPSTREAMS).get(0);
        assertEquals(1, line.get(UPSTREAMS).size(), "the file's array replaces the default one");
        assertEquals(3L, upstream.get(USER_ID));
        assertEquals(Duration.ofMinutes(2), upstream.get(TIMEOUT));
    }

    @Test
    void shouldListEveryBadFieldNamingItsElementIndex() throws IOException {
        writeConfig("[[line.mirrors]]\nhost = \"m1\"\n[[line.mirrors]]\nweight = \"heavy\"\ncolour = \"red\"\n"
                + "[[line.proxy.upstreams]]\ntimeout = \"soon\"\n[line]\nmirrors2 = 1\n");

        ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of()));

        String message = error.getMessage();
        assertTrue(message.contains("line.mirrors[1].weight: expected an integer, got a string \"heavy\""), message);
        assertTrue(message.contains("line.mirrors[1].colour: unknown key"), message);
        assertTrue(message.contains("line.proxy.upstreams[0].timeout"), message);
        assertTrue(message.contains("line.mirrors2: unknown key"), message);
        assertFalse(message.contains("line.mirrors[0]"), message);
    }

    @Test
    void shouldRefuseAValueThatIsNotAnArrayOfTables() throws IOException {
        writeConfig("[line]\nmirrors = [\"m1\", \"m2\"]\n");

        ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of()));

        assertTrue(error.getMessage().contains("line.mirrors: expected a table"), error.getMessage());
    }

    @Test
    void shouldApplyIndexedEnvironmentVariablesToElements() throws IOException {
        writeConfig("[[line.mirrors]]\nhost = \"m1\"\n");

        KernelConfig line = load(Map.of("IGGY_LINE_MIRRORS_0_WEIGHT", "9", "IGGY_LINE_MIRRORS_1_HOST", "m2",
                "IGGY_LINE_PROXY_UPSTREAMS_0_USER_ID", "4")).section("line");

        List<KernelConfig> mirrors = line.get(MIRRORS);
        assertEquals(2, mirrors.size(), "a variable for the next index adds an element");
        assertEquals(9L, mirrors.get(0).get(WEIGHT));
        assertEquals("m2", mirrors.get(1).get(HOST));
        assertEquals(1L, mirrors.get(1).get(WEIGHT), "the new element gets the field defaults");
        assertEquals(4L, line.get(UPSTREAMS).get(0).get(USER_ID));
        assertEquals("a.example", line.get(UPSTREAMS).get(0).get(HOST));
    }

    @Test
    void shouldReportABadVariableNamingTheElementIndex() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> load(Map.of("IGGY_LINE_MIRRORS_2_WEIGHT", "heavy")));

        assertTrue(error.getMessage().contains("line.mirrors[2].weight (from IGGY_LINE_MIRRORS_2_WEIGHT)"),
                error.getMessage());
    }

    @Test
    void shouldMaskSecretFieldsInTheEffectiveConfig() {
        String toml = load(Map.of("IGGY_LINE_PROXY_UPSTREAMS_0_TOKEN", "s3cret")).toToml();

        assertTrue(toml.contains("[[line.proxy.upstreams]]"), toml);
        assertFalse(toml.contains("s3cret"), toml);
        assertTrue(toml.contains("token = \"******\""), toml);
    }

    @Test
    void shouldRefuseBadDeclarations() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.tables("a", List.of(), MIRRORS));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.tables("a", List.of(), HOST, HOST));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.tables("a", List.of(Map.of("port", 1L)), HOST));
        assertThrows(IllegalArgumentException.class, () -> MIRRORS.secret());
    }
}
