package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics plugin as shipped: its plugin zip loads under PF4J and its Prometheus text is served at
 * {@code /metrics} by the HTTP transport, or on its own listener when the HTTP jar is gone; without
 * the metrics jar the distribution still serves TCP (and {@code /metrics} is simply not there).
 */
@Timeout(180)
class MetricsPluginIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldServeMetricsThroughTheHttpTransport() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start();
            assertTrue(server.await(server::httpAccepts, DistributionProcess.STARTUP),
                    () -> "log:\n" + server.logOrError());
            HttpResponse<String> metrics = server.httpGet("/metrics");
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("# TYPE iggy_streams gauge"), metrics.body());
            assertFalse(server.metricsAccepts(), "the own listener is only for when no HTTP transport runs");
        }
    }

    @Test
    void shouldServeMetricsItselfWithoutTheHttpPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-http"));
            server.start();
            assertTrue(server.await(server::metricsAccepts, DistributionProcess.STARTUP),
                    () -> "log:\n" + server.logOrError());
            // The exporter's port opens just before the kernel hands its meters over; a scraper that
            // comes a moment later sees them all.
            assertTrue(server.await(() -> metricsShow(server, "iggy_streams"), Duration.ofSeconds(30)),
                    () -> "log:\n" + server.logOrError());
            HttpResponse<String> metrics = server.metricsGet("/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("iggy_streams"), metrics.body());
        }
    }

    @Test
    void shouldServeTcpWithoutTheMetricsPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-metrics"));
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP),
                    () -> "log:\n" + server.logOrError());
            assertTrue(server.await(server::httpAccepts, Duration.ofSeconds(30)), () -> "log:\n" + server.logOrError());
            assertEquals(404, server.httpGet("/metrics").statusCode());
            assertEquals("pong", server.httpGet("/ping").body());
        }
    }

    private static boolean metricsShow(DistributionProcess server, String name) {
        try {
            return server.metricsGet("/metrics").body().contains(name);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String metricsBody(DistributionProcess server) {
        try {
            return server.metricsGet("/metrics").body();
        } catch (IOException e) {
            return "<" + e + ">";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "<interrupted>";
        }
    }
}
