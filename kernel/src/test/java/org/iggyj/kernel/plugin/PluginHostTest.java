package org.iggyj.kernel.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iggyj.spi.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

    @TempDir
    Path pluginsDir;

    @Test
    void shouldHaveNoTransportWhenThePluginsDirectoryIsMissing() {
        try (PluginHost host = PluginHost.open(pluginsDir.resolve("absent"))) {
            assertTrue(host.transports().isEmpty());
        }
    }

    @Test
    void shouldHaveNoTransportWhenThePluginsDirectoryIsEmpty() {
        try (PluginHost host = PluginHost.open(pluginsDir)) {
            assertTrue(host.transports().isEmpty());
        }
    }

    @Test
    void shouldLoadATransportFromAPluginJarWithItsOwnClassLoader() throws Exception {
        PluginJar.write(pluginsDir, "fake", FakePlugin.class);

        try (PluginHost host = PluginHost.open(pluginsDir)) {
            List<Transport> transports = host.transports();
            assertEquals(1, transports.size());
            Transport transport = transports.get(0);
            assertEquals("fake", transport.name());
            assertSame(transport, host.transports().get(0));

            ClassLoader pluginLoader = transport.getClass().getClassLoader();
            assertNotSame(FakeTransport.class.getClassLoader(), pluginLoader);
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            assertSame(pluginLoader,
                    host.withPluginLoader(transport, () -> Thread.currentThread().getContextClassLoader()));
            assertSame(before, Thread.currentThread().getContextClassLoader());
        }
    }

    @Test
    void shouldSkipAPluginThatFailsToStart() throws Exception {
        PluginJar.write(pluginsDir, "broken", FailingPlugin.class);
        PluginJar.write(pluginsDir, "fake", FakePlugin.class);

        try (PluginHost host = PluginHost.open(pluginsDir)) {
            assertEquals(1, host.transports().size());
        }
    }

    @Test
    void shouldFailWhenTwoTransportsShareAName() throws Exception {
        PluginJar.write(pluginsDir, "fake-a", FakePlugin.class);
        PluginJar.write(pluginsDir, "fake-b", FakePlugin.class);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PluginHost.open(pluginsDir));
        assertTrue(e.getMessage().contains("'fake'"), e.getMessage());
    }

    @Test
    void shouldRestoreTheContextLoaderWhenPluginCodeThrows() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (PluginHost host = PluginHost.fromClasspath()) {
            assertThrows(IOException.class, () -> host.withPluginLoader(new FakeTransport(), () -> {
                throw new IOException("plugin failure");
            }));
        }
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void shouldFindTransportsWithServiceLoaderFromTheClasspath() throws Exception {
        Path services = Files.createDirectories(pluginsDir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Transport.class.getName()), FakeTransport.class.getName() + "\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginsDir.toUri().toURL()},
                PluginHostTest.class.getClassLoader());
             PluginHost host = PluginHost.fromClasspath(loader)) {
            // The TCP plugin is a test dependency of the kernel, so it is on this class path too.
            assertTrue(host.transports().stream().map(Transport::name).toList().contains("fake"));
        }
    }

    @Test
    void shouldLoadTheBuiltTcpPluginWhenPresent() throws Exception {
        Path target = Path.of("..", "plugins", "tcp", "target");
        Path jar = null;
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "iggyj-transport-tcp-*.jar")) {
                for (Path candidate : jars) {
                    if (!candidate.getFileName().toString().endsWith("-tests.jar")) {
                        jar = candidate;
                    }
                }
            }
        }
        assumeTrue(jar != null, "plugins/tcp has not been packaged");
        Files.copy(jar, pluginsDir.resolve(jar.getFileName()));

        try (PluginHost host = PluginHost.open(pluginsDir)) {
            assertEquals(List.of("tcp"), host.transports().stream().map(Transport::name).toList());
        }
    }
}
