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

class PluginSectionsTest {

    private static final ConfigKey<String> ADDRESS = ConfigKey.string("address", "127.0.0.1:8095");
    private static final ConfigKey<Long> MAX_LINE = ConfigKey.bytes("max_line", "64 KiB");
    private static final ConfigKey<Duration> IDLE = ConfigKey.duration("limits.idle_timeout", "30 s");
    private static final ConfigKey<Boolean> ECHO = ConfigKey.bool("limits.echo", false);
    private static final ConfigKey<Long> BACKLOG = ConfigKey.integer("backlog", 128);
    private static final ConfigKey<List<String>> BANNER = ConfigKey.strings("banner", List.of("hello"));
    private static final ConfigKey<String> TOKEN = ConfigKey.string("token", "").secret();
    private static final ConfigKey<String> NOTE = ConfigKey.string("note", "").withoutDefault();
    private static final ConfigSchema LINE = ConfigSchema.of("line", ConfigKey.bool("enabled", true), ADDRESS,
            MAX_LINE, IDLE, ECHO, BACKLOG, BANNER, TOKEN, NOTE);

    @TempDir
    Path dir;

    private ServerConfig load(Map<String, String> env) {
        return ConfigLoader.load(env, dir, 4);
    }

    private void writeConfig(String toml) throws IOException {
        Path file = dir.resolve("configs/server.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
    }

    @Test
    void shouldHandDeclaredDefaultsToThePluginWhenTheSectionIsNotConfigured() {
        KernelConfig line = load(Map.of()).withPluginSections(List.of(LINE)).section("line");

        assertEquals("127.0.0.1:8095", line.get(ADDRESS));
        assertEquals(64L * 1024, line.get(MAX_LINE));
        assertEquals(Duration.ofSeconds(30), line.get(IDLE));
        assertEquals(false, line.get(ECHO));
        assertEquals(128L, line.get(BACKLOG));
        assertEquals(List.of("hello"), line.get(BANNER));
        assertTrue(line.find(NOTE).isEmpty());
    }

    @Test
    void shouldApplyFileValuesAndEnvironmentOverridesToADeclaredSection() throws IOException {
        writeConfig("[line]\naddress = \"0.0.0.0:1\"\nmax_line = 512\nnote = \"n\"\n[line.limits]\necho = true\n");

        ServerConfig config = load(Map.of("IGGY_LINE_ADDRESS", "127.0.0.1:0", "IGGY_LINE_LIMITS_IDLE_TIMEOUT", "2 m",
                "IGGY_LINE_TOKEN", "s3cret"));
        KernelConfig line = config.withPluginSections(List.of(LINE)).section("line");

        assertEquals("127.0.0.1:0", line.get(ADDRESS), "the variable wins over the file");
        assertEquals(512L, line.get(MAX_LINE));
        assertEquals(Duration.ofMinutes(2), line.get(IDLE));
        assertEquals(true, line.get(ECHO));
        assertEquals("n", line.get(NOTE));
        assertEquals("s3cret", line.get(TOKEN));
    }

    @Test
    void shouldWriteDeclaredSectionsWithSecretsMaskedIntoTheEffectiveConfig() {
        String toml = load(Map.of("IGGY_LINE_TOKEN", "s3cret")).withPluginSections(List.of(LINE)).toToml();

        assertTrue(toml.contains("[line]\n"), toml);
        assertTrue(toml.contains("address = \"127.0.0.1:8095\""), toml);
        assertTrue(toml.contains("[line.limits]\n"), toml);
        assertTrue(toml.contains("token = \"" + TomlRenderer.MASK + "\""), toml);
        assertFalse(toml.contains("s3cret"), toml);
    }

    @Test
    void shouldListEveryBadKeyOfKernelAndPluginSectionsInOneError() throws IOException {
        writeConfig("[line]\naddres = \"x\"\nbacklog = \"many\"\nmax_line = \"huge\"\n"
                + "[line.limits]\nidle_timeout = \"soon\"\n");
        ServerConfig config = load(Map.of("IGGY_LINE_LIMITS_ECHO", "perhaps"));

        ConfigException error = assertThrows(ConfigException.class,
                () -> config.withPluginSections(List.of(LINE)));

        String message = error.getMessage();
        assertTrue(message.contains("line.addres: unknown key"), message);
        assertTrue(message.contains("line.backlog: expected an integer"), message);
        assertTrue(message.contains("line.max_line"), message);
        assertTrue(message.contains("line.limits.idle_timeout"), message);
        assertTrue(message.contains("line.limits.echo (from IGGY_LINE_LIMITS_ECHO)"), message);
        assertEquals(5, error.problems().size(), error.problems().toString());
    }

    @Test
    void shouldWarnAboutSectionsAndVariablesOfPluginsThatAreNotStarted() throws IOException {
        writeConfig("[line]\naddress = \"0.0.0.0:1\"\n");

        ServerConfig before = load(Map.of("IGGY_LINE_ADDRESS", "x"));
        assertTrue(before.warnings().stream().noneMatch(w -> w.contains("line") || w.contains("LINE")),
                "before plugins load, a plugin's section is not judged: " + before.warnings());

        ServerConfig after = before.withPluginSections(List.of());
        assertTrue(after.warnings().stream().anyMatch(w -> w.contains("[line] is a section of no started plugin")),
                after.warnings().toString());
        assertTrue(after.warnings().stream().anyMatch(w -> w.contains("IGGY_LINE_ADDRESS")), after.warnings().toString());
        assertFalse(after.section("line").has("address"));
        assertFalse(after.toToml().contains("[line]"));
    }

    @Test
    void shouldRefuseAPluginDeclaringAKernelSectionOrTwoPluginsOneSection() {
        ServerConfig config = load(Map.of());

        ConfigException kernel = assertThrows(ConfigException.class,
                () -> config.withPluginSections(List.of(ConfigSchema.of("system", ADDRESS))));
        ConfigException twice = assertThrows(ConfigException.class,
                () -> config.withPluginSections(List.of(LINE, ConfigSchema.of("line", ADDRESS))));

        assertTrue(kernel.getMessage().contains("[system] is a kernel section"), kernel.getMessage());
        assertTrue(twice.getMessage().contains("[line] is declared by two plugins"), twice.getMessage());
    }

    @Test
    void shouldLetADeclaredSectionReplaceTheShippedOne() throws IOException {
        writeConfig("[metrics]\nenabled = false\n");
        ConfigSchema metrics = ConfigSchema.of("metrics", ConfigKey.bool("enabled", true), ConfigKey.integer("port", 1));

        KernelConfig section = load(Map.of()).withPluginSections(List.of(metrics)).section("metrics");

        assertFalse(section.bool("enabled", true));
        assertEquals(1L, section.integer("port", 0));
        assertFalse(section.has("address"), "the shipped keys of a declared section are gone");
    }
}
