package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployment profiles on the unpacked distribution: {@code minimal} serves TCP, {@code edge} does
 * not start the TCP plugin although it is in {@code plugins/}, {@code full} (the shipped default)
 * serves TCP, the flag overrides the config file, and an unknown profile or a missing required
 * plugin stops the server with a clear message.
 */
@Timeout(240)
class DeploymentProfilesIT {

    private static final Duration START = DistributionProcess.STARTUP;

    @TempDir
    Path tempDir;

    @Test
    void shouldServeTcpUnderTheMinimalProfile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start("--profile", "minimal");
            assertTrue(server.await(server::tcpAccepts, START),
                    () -> "TCP did not come up; log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()), "ping reply");
            assertTrue(server.logOrError().contains("deployment profile 'minimal'"), server::logOrError);
        }
    }

    @Test
    void shouldServeTcpUnderTheFullProfileOfTheShippedConfig() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start();
            assertTrue(server.await(server::tcpAccepts, START),
                    () -> "TCP did not come up; log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()), "ping reply");
            assertTrue(server.logOrError().contains("deployment profile 'full'"), server::logOrError);
        }
    }

    @Test
    void shouldNotStartTcpUnderTheEdgeProfileChosenInTheConfigFile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            selectInConfigFile(server, "edge");
            server.start();
            assertTrue(server.await(() -> server.logOrError().contains("Iggy server started"), START),
                    () -> "server did not start; log:\n" + server.logOrError());
            assertTrue(server.isAlive(), server::logOrError);
            assertFalse(server.tcpAccepts(), "the edge profile must not serve the binary protocol over TCP");
            assertTrue(server.logOrError().contains("plugin 'tcp' is not part of deployment profile 'edge'"),
                    server::logOrError);
        }
    }

    @Test
    void shouldLetTheFlagOverrideTheConfigFile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            selectInConfigFile(server, "edge");
            server.start("--profile", "minimal");
            assertTrue(server.await(server::tcpAccepts, START),
                    () -> "TCP did not come up; log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()), "ping reply");
        }
    }

    @Test
    void shouldExitWithTheValidProfilesWhenTheProfileIsUnknown() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start("--profile", "tiny");
            int code = server.exitCode(START);
            assertNotEquals(0, code, () -> "server should exit non-zero; log:\n" + server.logOrError());
            assertNotEquals(-1, code, () -> "server kept running; log:\n" + server.logOrError());
            String log = server.logOrError();
            assertTrue(log.contains("unknown deployment profile 'tiny'; valid profiles: minimal, edge, full"), log);
        }
    }

    @Test
    void shouldExitWhenTheMinimalProfileHasNoTcpPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-tcp"));
            server.start("--profile", "minimal");
            assertEquals(1, server.exitCode(START), () -> "server should exit 1; log:\n" + server.logOrError());
            assertTrue(server.logOrError().contains("deployment profile 'minimal' requires plugin(s) [tcp]"),
                    server::logOrError);
        }
    }

    private static void selectInConfigFile(DistributionProcess server, String profile) throws IOException {
        Path config = server.home().resolve("configs/server.toml");
        String text = Files.readString(config);
        assertTrue(text.contains("profile = \"full\""), "shipped config names the full profile");
        Files.writeString(config, text.replace("profile = \"full\"", "profile = \"" + profile + "\""));
    }

}
