package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.spi.test.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics plugin's Prometheus text, served by the HTTP transport at {@code /metrics} without a
 * token: it parses line by line as Prometheus text, and the per-topic send and poll counters, the
 * fsync timer (every append fsyncs here) and the {@code http_requests} counter move with traffic.
 */
@Timeout(60)
class MetricsIT {

    private static final String SENT = "iggy_messages_sent_total{stream=\"0\",topic=\"0\"}";
    private static final String BYTES_SENT = "iggy_bytes_sent_bytes_total{stream=\"0\",topic=\"0\"}";
    private static final String POLLED = "iggy_messages_polled_total{stream=\"0\",topic=\"0\"}";
    private static final String FSYNCS = "iggy_fsync_seconds_count";

    @TempDir
    Path dataDir;

    private static Map<String, Double> scrape(TestServer server) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + "/metrics");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return PrometheusText.samples(r.body());
    }

    @Test
    void sendAndPollCountersMove() throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of("IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC", "true"));
             IggyTcpClient client = server.loggedInClient()) {
            client.streams().createStream("metrics");
            client.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                    BigInteger.ZERO, Optional.empty(), "t");
            client.messages().sendMessages(StreamId.of(0L), TopicId.of(0L), Partitioning.partitionId(0L),
                    List.of(Message.of("a"), Message.of("b")));
            Map<String, Double> before = scrape(server);
            assertEquals(2.0, before.get(SENT), () -> "samples: " + before.keySet());
            assertTrue(before.get(BYTES_SENT) > 0);
            assertNotNull(before.get("iggy_streams"), () -> "samples: " + before.keySet());

            client.messages().sendMessages(StreamId.of(0L), TopicId.of(0L), Partitioning.partitionId(0L),
                    List.of(Message.of("c"), Message.of("d"), Message.of("e")));
            client.messages().pollMessages(StreamId.of(0L), TopicId.of(0L), Optional.of(0L), Consumer.of(1L),
                    PollingStrategy.first(), 10L, false);
            Map<String, Double> after = scrape(server);
            assertEquals(5.0, after.get(SENT));
            assertEquals(5.0, after.get(POLLED));
            assertTrue(after.get(FSYNCS) >= 1.0, () -> "samples: " + after.keySet());
            assertTrue(after.get("http_requests_total") >= 1.0, () -> "samples: " + after.keySet());
        }
    }
}
