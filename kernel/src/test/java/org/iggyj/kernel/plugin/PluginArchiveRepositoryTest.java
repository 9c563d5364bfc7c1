package org.iggyj.kernel.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveRepositoryTest {

    @TempDir
    Path plugins;
    @TempDir
    Path temp;

    @Test
    void shouldExtractZipsOutsideThePluginsDirectoryAndDeleteThemOnClose() throws IOException {
        try (OutputStream file = Files.newOutputStream(plugins.resolve("demo-1.0.zip"));
             ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write("plugin.id=demo\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("lib/demo.jar"));
            zip.write(new byte[] {1, 2, 3});
        }
        Files.createDirectories(plugins.resolve("unpacked/lib"));
        Files.writeString(plugins.resolve("third-party.jar"), "jar");
        Files.writeString(plugins.resolve(".hidden.zip"), "not a plugin");
        PluginArchiveRepository repository = new PluginArchiveRepository(plugins);

        List<Path> paths = repository.getPluginPaths();

        assertEquals(3, paths.size(), paths.toString());
        Path extracted = paths.stream().filter(p -> p.getFileName().toString().equals("demo-1.0")).findFirst()
                .orElseThrow();
        assertFalse(extracted.startsWith(plugins), "never extracted next to the zip: " + extracted);
        assertEquals("plugin.id=demo\n", Files.readString(extracted.resolve("plugin.properties")));
        assertEquals(3, Files.size(extracted.resolve("lib/demo.jar")));
        assertTrue(extracted.getParent().getFileName().toString()
                .startsWith("iggyj-plugins-" + ProcessHandle.current().pid() + "-"));
        repository.close();
        assertFalse(Files.exists(extracted.getParent()));
    }

    @Test
    void shouldRemoveTheExtractionsOfProcessesThatNoLongerRun() throws IOException {
        Path alive = Files.createDirectories(temp.resolve("iggyj-plugins-" + ProcessHandle.current().pid() + "-1/x"));
        // Process ids wrap far below this on Linux, so no process has it.
        Path dead = Files.createDirectories(temp.resolve("iggyj-plugins-999999999-2/lib"));
        Path unrelated = Files.createDirectories(temp.resolve("iggyj-plugins-notapid"));

        PluginArchiveRepository.removeLeftoversOfDeadProcesses(temp);

        assertTrue(Files.exists(alive));
        assertFalse(Files.exists(dead.getParent()));
        assertTrue(Files.exists(unrelated));
    }
}
