package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.spi.test.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code system.storage.min_free_space} on a 24 MiB tmpfs (root only; skipped otherwise) with a 12 MiB
 * threshold: sends are refused with 4010 while the file system still has about 12 MiB free, reads go
 * on, the warning line is logged and {@code /metrics} shows the low-space gauge; deleting segments
 * makes sends succeed again and the gauge fall back.
 */
@Timeout(120)
class FreeSpaceThresholdIT {

    private static final long MIB = 1L << 20;
    private static final long MIN_FREE = 12 * MIB;

    @RegisterExtension
    final TestServers servers = TestServers.onTmpfs(24);

    private TestServer server;
    private IggyTcpClient client;

    @AfterEach
    void closeClient() {
        SdkClients.closeAll(client);
    }

    private Map<String, Double> scrape() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + "/metrics");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return PrometheusText.samples(r.body());
    }

    @Test
    void shouldRefuseSendsBelowThresholdKeepReadsAndReportIt() throws Exception {
        SequencedProducer producer = new SequencedProducer(0, 0, 50, 1000);
        try (LogCapture log = LogCapture.of(DiskSpace.class)) {
            server = servers.start(Map.of(
                "IGGY_SYSTEM_STORAGE_MIN_FREE_SPACE", "12 MiB",
                "IGGY_SYSTEM_SEGMENT_SIZE", "1 MiB"));
            client = server.loggedInClient();
            client.streams().createStream("threshold");
            client.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), "t");
            assertEquals(0.0, scrape().get("iggy_storage_low_space"));

            assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), producer.sendUntilRefused(client, 1_000));

            long free = Files.getFileStore(servers.tmpfs().dir()).getUsableSpace();
            // The budget counts message and index bytes; tmpfs page rounding of the files and a rolled
            // segment's new files take a little more, so allow up to two segment sizes below the threshold.
            assertTrue(free >= MIN_FREE - 2 * MIB, "refused before the disk is full: " + free + " bytes free");
            assertTrue(producer.acked().size() > 1_000, "about 12 MiB were accepted first");
            assertEquals(producer.acked(), producer.readAll(client), "reads go on below the threshold");
            assertTrue(log.warned("system.storage.min_free_space"), () -> "warning logged: " + log.lines());
        }
        Map<String, Double> low = scrape();
        assertEquals(1.0, low.get("iggy_storage_low_space"), () -> "samples: " + low.keySet());
        assertEquals((double) MIN_FREE, low.get("iggy_storage_min_free_bytes"));
        assertTrue(low.get("iggy_storage_free_bytes") < MIN_FREE + MIB);

        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.deleteSegments(raw, 0, 0, 0, 4).status());
        }
        assertEquals(0, producer.sendBatch(client), "sends succeed again once space is freed");
        assertEquals(0.0, scrape().get("iggy_storage_low_space"));
        long first = producer.readAll(client).get(0);
        assertEquals(producer.ackedFrom(first), producer.readAll(client));
    }
}
