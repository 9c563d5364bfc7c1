package org.iggyj.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.iggyj.spi.Exporter;
import org.iggyj.spi.IoResources;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.MetricsContext;
import org.iggyj.spi.ScrapeSource;
import org.iggyj.spi.test.MapKernelConfig;
import org.iggyj.spi.test.PrometheusText;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {

    private static MetricsContext context(KernelConfig config, Set<String> transports) {
        return new MetricsContext() {
            @Override
            public KernelConfig config() {
                return config;
            }

            @Override
            public IoResources io() {
                throw new UnsupportedOperationException("not used by the exporter");
            }

            @Override
            public Set<String> transportNames() {
                return transports;
            }
        };
    }

    @Test
    void publishesPrometheusTextAtMetricsAndServesItWithoutAnHttpTransport() throws Exception {
        MapKernelConfig config = new MapKernelConfig().put("address", "127.0.0.1:0");
        try (Exporter exporter = new PrometheusExporter().start(context(config, Set.of("tcp")))) {
            Counter sent = Counter.builder("iggy.messages.sent").tags("stream", "0", "topic", "1")
                    .register(exporter.registry());
            sent.increment(3);
            ScrapeSource source = exporter.scrapeSource().orElseThrow();
            assertEquals("/metrics", source.path());
            assertTrue(source.contentType().startsWith("text/plain"));

            ScrapeServer server = ((RunningExporter) exporter).server().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics");
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            Map<String, Double> samples = PrometheusText.samples(scrape.body());
            assertEquals(3.0, samples.get("iggy_messages_sent_total{stream=\"0\",topic=\"1\"}"), scrape.body());

            sent.increment();
            assertEquals(4.0, PrometheusText.samples(source.scrape())
                    .get("iggy_messages_sent_total{stream=\"0\",topic=\"1\"}"));
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(uri.resolve("/other")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());
        }
    }

    @Test
    void leavesServingToTheHttpTransportWhenOneRuns() {
        MapKernelConfig config = new MapKernelConfig().put("endpoint", "/prometheus");
        try (Exporter exporter = new PrometheusExporter().start(context(config, Set.of("tcp", "http")))) {
            assertTrue(((RunningExporter) exporter).server().isEmpty());
            assertEquals("/prometheus", exporter.scrapeSource().orElseThrow().path());
        }
    }

    @Test
    void grammarRejectsAMalformedLine() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.samples("# HELP x y\nx{a=b} 1\n"));
        assertEquals(Map.of("x{a=\"b\"}", 1.5), PrometheusText.samples("# TYPE x gauge\nx{a=\"b\"} 1.5\n"));
    }
}
