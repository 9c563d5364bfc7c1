package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP transport as shipped: its plugin zip loads under PF4J from {@code plugins/} and serves
 * {@code GET /ping}; without the jar the distribution still starts and serves TCP.
 */
@Timeout(180)
class HttpPluginIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldServeHttpFromTheShippedPluginJar() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start();
            assertTrue(server.await(server::httpAccepts, DistributionProcess.STARTUP),
                    () -> "HTTP did not come up; log:\n" + server.logOrError());
            HttpResponse<String> ping = server.httpGet("/ping");
            assertEquals(200, ping.statusCode());
            assertEquals("pong", ping.body());
            assertEquals(401, server.httpGet("/streams").statusCode());
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(30)), server::logOrError);
        }
    }

    @Test
    void shouldServeTcpWithoutTheHttpPluginJar() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Path http = DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-http");
            Files.delete(http);
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP),
                    () -> "TCP did not come up without the HTTP plugin; log:\n" + server.logOrError());
            assertTrue(server.isAlive());
            assertFalse(server.httpAccepts(), "nothing may listen on the HTTP port without the plugin");
        }
    }
}
