package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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

    private static final byte[] PING = {4, 0, 0, 0, 1, 0, 0, 0};
    private static final byte[] EMPTY_OK = {0, 0, 0, 0, 0, 0, 0, 0};
    private static final Duration START = DistributionProcess.STARTUP;

    @TempDir
    Path tempDir;

    @Test
    void shouldServeTcpUnderTheMinimalProfile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start("--profile", "minimal");
            assertTrue(server.await(server::tcpAccepts, START), () -> "TCP did not come up; log:\n" + log(server));
            assertPingAnswered(server);
            assertTrue(log(server).contains("deployment profile 'minimal'"), () -> log(server));
        }
    }

    @Test
    void shouldServeTcpUnderTheFullProfileOfTheShippedConfig() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start();
            assertTrue(server.await(server::tcpAccepts, START), () -> "TCP did not come up; log:\n" + log(server));
            assertPingAnswered(server);
            assertTrue(log(server).contains("deployment profile 'full'"), () -> log(server));
        }
    }

    @Test
    void shouldNotStartTcpUnderTheEdgeProfileChosenInTheConfigFile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            selectInConfigFile(server, "edge");
            server.start();
            assertTrue(server.await(() -> log(server).contains("Iggy server started"), START),
                    () -> "server did not start; log:\n" + log(server));
            assertTrue(server.isAlive(), () -> log(server));
            assertFalse(server.tcpAccepts(), "the edge profile must not serve the binary protocol over TCP");
            assertTrue(log(server).contains("plugin 'tcp' is not part of deployment profile 'edge'"),
                    () -> log(server));
        }
    }

    @Test
    void shouldLetTheFlagOverrideTheConfigFile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            selectInConfigFile(server, "edge");
            server.start("--profile", "minimal");
            assertTrue(server.await(server::tcpAccepts, START), () -> "TCP did not come up; log:\n" + log(server));
            assertPingAnswered(server);
        }
    }

    @Test
    void shouldExitWithTheValidProfilesWhenTheProfileIsUnknown() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start("--profile", "tiny");
            int code = server.exitCode(START);
            assertNotEquals(0, code, () -> "server should exit non-zero; log:\n" + log(server));
            assertNotEquals(-1, code, () -> "server kept running; log:\n" + log(server));
            String log = log(server);
            assertTrue(log.contains("unknown deployment profile 'tiny'; valid profiles: minimal, edge, full"), log);
        }
    }

    @Test
    void shouldExitWhenTheMinimalProfileHasNoTcpPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-tcp"));
            server.start("--profile", "minimal");
            assertEquals(1, server.exitCode(START), () -> "server should exit 1; log:\n" + log(server));
            assertTrue(log(server).contains("deployment profile 'minimal' requires plugin(s) [tcp]"),
                    () -> log(server));
        }
    }

    private static void selectInConfigFile(DistributionProcess server, String profile) throws IOException {
        Path config = server.home().resolve("configs/server.toml");
        String text = Files.readString(config);
        assertTrue(text.contains("profile = \"full\""), "shipped config names the full profile");
        Files.writeString(config, text.replace("profile = \"full\"", "profile = \"" + profile + "\""));
    }

    private static void assertPingAnswered(DistributionProcess server) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(PING);
            out.flush();
            byte[] reply = new byte[8];
            new DataInputStream(socket.getInputStream()).readFully(reply);
            assertArrayEquals(EMPTY_OK, reply, "ping reply");
        }
    }

    private static String log(DistributionProcess server) {
        try {
            return server.log();
        } catch (IOException e) {
            return "<log unreadable: " + e + ">";
        }
    }
}
