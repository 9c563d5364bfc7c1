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
 * The kernel runs with zero transports: with every transport plugin jar (TCP, HTTP, WebSocket,
 * QUIC) removed from {@code plugins/} the distribution starts, says that no transport is loaded and
 * serves nothing; with the TCP jar put back it serves the Iggy protocol over TCP again.
 */
@Timeout(180)
class PluginRemovalIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldStartWithoutTcpPluginAndServeTcpOnceItIsBack() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Path plugin = DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-tcp");
            Path aside = tempDir.resolve(plugin.getFileName());
            Files.move(plugin, aside);
            // The other transports go too, so that no transport at all is loaded.
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-websocket"));
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-quic"));
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-http"));
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-kafka"));

            server.start();
            assertTrue(server.await(() -> logContains(server, "No transport loaded"), DistributionProcess.STARTUP),
                    () -> "expected the no-transport message; log:\n" + server.logOrError());
            assertTrue(server.isAlive(), () -> "server exited without its TCP plugin; log:\n" + server.logOrError());
            assertFalse(server.tcpAccepts(), "nothing may listen on the TCP port without the plugin");
            server.stop();

            Files.move(aside, plugin);
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP),
                    () -> "TCP did not come up with the plugin back; log:\n" + server.logOrError());
            assertArrayEquals(IggyPing.EMPTY_OK, IggyPing.overTcp(server.tcpPort()), "ping reply");
        }
    }

    private static boolean logContains(DistributionProcess server, String text) {
        return server.logOrError().contains(text);
    }
}
