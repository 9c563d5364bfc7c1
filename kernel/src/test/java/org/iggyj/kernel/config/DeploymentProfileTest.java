package org.iggyj.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentProfileTest {

    @TempDir
    Path dir;

    @Test
    void shouldDefaultToFullWhichIncludesEveryPlugin() {
        ServerConfig config = ConfigLoader.load(Map.of(), dir, 2);

        assertEquals(DeploymentProfile.FULL, config.profile());
        assertTrue(config.profile().includes("anything"));
        assertTrue(config.profile().required().isEmpty());
    }

    @Test
    void shouldReadTheProfileFromTheFileAndTheEnvironment() throws IOException {
        Path file = Files.createDirectories(dir.resolve("configs")).resolve("server.toml");
        Files.writeString(file, "[plugins]\nprofile = \"minimal\"\n");

        assertEquals(DeploymentProfile.MINIMAL, ConfigLoader.load(Map.of(), dir, 2).profile());
        assertEquals(DeploymentProfile.EDGE,
                ConfigLoader.load(Map.of("IGGY_PLUGINS_PROFILE", "Edge"), dir, 2).profile());
    }

    @Test
    void shouldRejectAnUnknownProfileListingTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("IGGY_PLUGINS_PROFILE", "tiny"), dir, 2));

        assertTrue(e.getMessage().contains("plugins.profile"), e.getMessage());
        assertTrue(e.getMessage().contains("'tiny'"), e.getMessage());
        assertTrue(e.getMessage().contains("minimal, edge, full"), e.getMessage());
    }

    @Test
    void shouldIncludeAndRequireThePluginsOfEachProfile() {
        assertTrue(DeploymentProfile.MINIMAL.includes("tcp"));
        assertFalse(DeploymentProfile.MINIMAL.includes("http"));
        assertEquals(Set.of("tcp"), DeploymentProfile.MINIMAL.required());
        assertTrue(DeploymentProfile.EDGE.includes("http"));
        assertTrue(DeploymentProfile.EDGE.includes("websocket"));
        assertFalse(DeploymentProfile.EDGE.includes("tcp"));
        assertTrue(DeploymentProfile.EDGE.required().isEmpty());
    }

    @Test
    void shouldStartTheWebConsoleInFullButNotInMinimal() {
        assertTrue(DeploymentProfile.FULL.includes("console"));
        assertFalse(DeploymentProfile.MINIMAL.includes("console"));
    }
}
