package org.iggyj.kernel.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.iggyj.kernel.config.DeploymentProfile;
import org.iggyj.spi.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

class ProfilePluginStatusProviderTest {

    @TempDir
    Path pluginsDir;

    @Test
    void shouldDisablePluginsOutsideTheProfile() {
        ProfilePluginStatusProvider minimal = new ProfilePluginStatusProvider(DeploymentProfile.MINIMAL);

        assertFalse(minimal.isPluginDisabled("tcp"));
        assertTrue(minimal.isPluginDisabled("http"));
        assertTrue(minimal.isPluginDisabled("websocket"));
        ProfilePluginStatusProvider edge = new ProfilePluginStatusProvider(DeploymentProfile.EDGE);
        assertTrue(edge.isPluginDisabled("tcp"));
        assertFalse(edge.isPluginDisabled("http"));
        assertFalse(new ProfilePluginStatusProvider(DeploymentProfile.FULL).isPluginDisabled("custom"));
    }

    @Test
    void shouldHonourExplicitEnableAndDisableForThisRun() {
        ProfilePluginStatusProvider provider = new ProfilePluginStatusProvider(DeploymentProfile.MINIMAL);

        provider.enablePlugin("http");
        provider.disablePlugin("tcp");

        assertFalse(provider.isPluginDisabled("http"));
        assertTrue(provider.isPluginDisabled("tcp"));
    }

    @Test
    void shouldLeaveAPluginOutsideTheProfileStopped() throws Exception {
        PluginJar.write(pluginsDir, "fake", FakePlugin.class);
        PluginManager manager = new ServiceProviderPluginManager(pluginsDir, DeploymentProfile.EDGE);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.DISABLED, manager.getPlugin("fake").getPluginState());
            assertTrue(manager.getExtensions(Transport.class).isEmpty());
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    @Test
    void shouldStartNoTransportOutsideTheProfile() throws Exception {
        PluginJar.write(pluginsDir, "fake", FakePlugin.class);

        try (PluginHost host = PluginHost.open(pluginsDir, DeploymentProfile.EDGE)) {
            assertTrue(host.transports().isEmpty());
        }
        try (PluginHost host = PluginHost.open(pluginsDir, DeploymentProfile.FULL)) {
            assertEquals(List.of("fake"), host.transports().stream().map(Transport::name).toList());
        }
    }

    @Test
    void shouldFailWhenARequiredPluginIsMissing() throws Exception {
        PluginJar.write(pluginsDir, "fake", FakePlugin.class);

        MissingPluginException e = assertThrows(MissingPluginException.class,
                () -> PluginHost.open(pluginsDir, DeploymentProfile.MINIMAL));
        assertTrue(e.getMessage().contains("'minimal'") && e.getMessage().contains("[tcp]"), e.getMessage());
        assertThrows(MissingPluginException.class,
                () -> PluginHost.open(pluginsDir.resolve("absent"), DeploymentProfile.MINIMAL));
    }

    @Test
    void shouldFilterClasspathTransportsByName() {
        // The TCP plugin is a test dependency of the kernel, so it is on this class path.
        try (PluginHost host = PluginHost.fromClasspath(getClass().getClassLoader(), DeploymentProfile.MINIMAL)) {
            assertEquals(List.of("tcp"), host.transports().stream().map(Transport::name).toList());
        }
        try (PluginHost host = PluginHost.fromClasspath(getClass().getClassLoader(), DeploymentProfile.EDGE)) {
            assertTrue(host.transports().stream().noneMatch(t -> t.name().equals("tcp")));
        }
    }
}
