package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plugin is independent: with the WebSocket jar removed TCP still serves, with the TCP jar
 * removed WebSocket still serves (a ping over a binary WebSocket message, from the JDK's own
 * WebSocket client); with the encryption jar removed both serve unless encryption is enabled, which
 * then fails startup naming the missing provider.
 */
@Timeout(180)
class TransportPluginsIT {

    /** Base64 of 32 bytes of 0x01. */
    private static final String KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

    @TempDir
    Path tempDir;

    @Test
    void tcpServesWithoutTheWebSocketPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-websocket"));
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP),
                    () -> "server log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()));
            assertFalse(DistributionProcess.accepts(server.webSocketPort()),
                    "nothing may listen on the WebSocket port");
        }
    }

    @Test
    void webSocketServesWithoutTheTcpPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-tcp"));
            server.start();
            assertTrue(server.await(() -> DistributionProcess.accepts(server.webSocketPort()), DistributionProcess.STARTUP),
                    () -> "server log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overWebSocket(server.webSocketPort()));
            assertFalse(server.tcpAccepts(), "nothing may listen on the TCP port");
        }
    }

    @Test
    void tcpAndWebSocketServeWithoutTheQuicPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-quic"));
            server.start();
            assertTrue(server.await(() -> bothAccept(server), DistributionProcess.STARTUP),
                    () -> "server log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()));
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overWebSocket(server.webSocketPort()));
        }
    }

    @Test
    void encryptionPluginServesWhenEnabledAndItsAbsenceOnlyMattersWhenEnabled() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.putEnv("IGGY_SYSTEM_ENCRYPTION_ENABLED", "true");
            server.putEnv("IGGY_SYSTEM_ENCRYPTION_KEY", KEY);
            server.start();
            assertTrue(server.await(() -> bothAccept(server), DistributionProcess.STARTUP),
                    () -> "server log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()));
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overWebSocket(server.webSocketPort()));
            server.stop();

            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-encryption-aes"));
            server.start();
            assertTrue(server.await(() -> !server.isAlive(), DistributionProcess.STARTUP), "must refuse to start");
            assertTrue(server.logOrError().contains("no encryption provider 'aes-256-gcm'"),
                    () -> "server log:\n" + server.logOrError());
        }
        Path fresh = Files.createDirectories(tempDir.resolve("fresh"));
        try (DistributionProcess server = DistributionProcess.copyInto(fresh)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-encryption-aes"));
            server.start();
            assertTrue(server.await(() -> bothAccept(server), DistributionProcess.STARTUP),
                    () -> "server log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()));
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overWebSocket(server.webSocketPort()));
        }
    }

    /** The transports bind one after another: the TCP port accepting says nothing of the WebSocket one. */
    private static boolean bothAccept(DistributionProcess server) {
        return server.tcpAccepts() && DistributionProcess.accepts(server.webSocketPort());
    }
}
