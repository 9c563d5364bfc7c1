package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line end to end against a server in this JVM with tiny numbers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IggyBenchIT {

    @TempDir
    static Path dataDir;

    @TempDir
    Path reports;

    private static InProcessServer server;

    @BeforeAll
    static void startServer() throws Exception {
        // WebSocket with TLS, so the bench's websocket --tls path is exercised too
        server = InProcessServer.start(dataDir, Map.of(
                "IGGY_WEBSOCKET_TLS_ENABLED", "true",
                "IGGY_WEBSOCKET_TLS_CERT_FILE", certFile().toString(),
                "IGGY_WEBSOCKET_TLS_KEY_FILE", dataDir.resolve("certs/key.pem").toString()));
    }

    /** @return the PEM certificate the server generated for its WebSocket TLS */
    private static Path certFile() {
        return dataDir.resolve("certs/cert.pem");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldReportExactTotalsForPinnedProducerThenPinnedConsumer() throws Exception {
        Path producerDir = reports.resolve("pp");
        assertEquals(0, bench(producerDir, "pinned-producer", "-p", "2"));
        JsonNode produced = readReport(producerDir);
        assertEquals("pinned-producer", produced.get("benchmark").asText());
        assertTotals(group(produced, "producers"), 2);
        assertTotals(group(produced, "aggregate"), 2);
        assertEquals(2, produced.get("actors").size());
        for (JsonNode actor : produced.get("actors")) {
            assertEquals(100, actor.get("messages").asLong());
            assertEquals(10, actor.get("batches").asLong());
        }
        assertEquals(200, produced.get("server_stats").get("messages_count").asLong());
        assertHtmlCharts(producerDir, "producers");

        Path consumerDir = reports.resolve("pc");
        assertEquals(0, bench(consumerDir, "pc", "-c", "2"));
        JsonNode consumed = readReport(consumerDir);
        assertEquals("pinned-consumer", consumed.get("benchmark").asText());
        assertTotals(group(consumed, "consumers"), 2);
        assertTrue(consumed.get("errors").isEmpty());
        assertHtmlCharts(consumerDir, "consumers");
    }

    @Test
    void shouldCountEveryBatchOfAPipelinedProducerAndReadThemBackInOrder() throws Exception {
        Path producerDir = reports.resolve("pp-in-flight");
        assertEquals(0, bench(producerDir, "--in-flight", "3", "pinned-producer", "-p", "2"));
        JsonNode produced = readReport(producerDir);
        assertEquals(3, produced.get("params").get("in_flight").asInt());
        assertTotals(group(produced, "producers"), 2);
        assertEquals(200, produced.get("server_stats").get("messages_count").asLong());

        // the pinned consumer checks that every poll starts where it asked and offsets follow one another
        Path consumerDir = reports.resolve("pc-after-in-flight");
        assertEquals(0, bench(consumerDir, "pc", "-c", "2"));
        JsonNode consumed = readReport(consumerDir);
        assertTotals(group(consumed, "consumers"), 2);
        assertTrue(consumed.get("errors").isEmpty());
    }

    @Test
    void shouldPollMoreMessagesPerRequestThanAProducerBatchHolds() throws Exception {
        assertEquals(0, bench(reports.resolve("pp-for-large-polls"), "pinned-producer", "-p", "1"));
        // 100 messages in polls of up to 40: 40, 40 and the 20 left, each starting where the last ended
        Path dir = reports.resolve("pc-large-polls");
        assertEquals(0, bench(dir, "--poll-messages", "40", "pc", "-c", "1"));
        JsonNode consumed = readReport(dir);
        assertEquals(40, consumed.get("params").get("poll_messages").asInt());
        assertTrue(consumed.get("errors").isEmpty());
        JsonNode consumers = group(consumed, "consumers");
        assertEquals(100, consumers.get("messages").asLong());
        assertEquals(3, consumers.get("batches").asLong());
        assertEquals(100L * 100L, consumers.get("payload_bytes").asLong());
    }

    @Test
    void shouldReadEveryMessageOnceInOrderWithPollsInFlight() throws Exception {
        assertEquals(0, bench(reports.resolve("pp-for-fetch-ahead"), "pinned-producer", "-p", "1"));
        // 100 messages in polls of up to 30, three in flight: 30, 30, 30 and the 10 left; the consumer checks
        // that every reply starts at the offset it has reached and that offsets follow one another
        Path dir = reports.resolve("pc-fetch-ahead");
        assertEquals(0, bench(dir, "--polls-in-flight", "3", "--poll-messages", "30", "pc", "-c", "1"));
        JsonNode consumed = readReport(dir);
        assertEquals(3, consumed.get("params").get("polls_in_flight").asInt());
        assertTrue(consumed.get("errors").isEmpty(), consumed.get("errors").toString());
        JsonNode consumers = group(consumed, "consumers");
        assertEquals(100, consumers.get("messages").asLong());
        assertEquals(4, consumers.get("batches").asLong());
        assertEquals(100L * 100L, consumers.get("payload_bytes").asLong());
    }

    @Test
    void shouldDropPollsAskedPastAShortReplyWhenTheProducerIsSlower() throws Exception {
        // The producer sends 10 batches of 10 at 4 KB/s (about 0.25 s); the consumer, three polls of 25 in
        // flight, is ahead of it throughout: its replies come back short or empty, the polls sent after
        // them asked past their end and must be dropped, and still every message is counted exactly once.
        Path dir = reports.resolve("ppc-fetch-ahead");
        assertEquals(0, bench(dir, "-r", "4KB", "--polls-in-flight", "3", "--poll-messages", "25",
                "pinned-producer-and-consumer", "-p", "1", "-c", "1"));
        JsonNode report = readReport(dir);
        assertTrue(report.get("errors").isEmpty(), report.get("errors").toString());
        JsonNode consumers = group(report, "consumers");
        assertEquals(100, consumers.get("messages").asLong());
        assertEquals(100L * 100L, consumers.get("payload_bytes").asLong());
        assertTrue(consumers.get("batches").asLong() >= 4, consumers.toString());
    }

    @Test
    void shouldCountEveryMessageOnceForAGroupMemberWithPollsInFlightBehindASlowerProducer() throws Exception {
        // next + auto-commit: the server answers the polls in flight one after another, each from where the
        // previous one committed; the only member checks each partition's replies follow one another
        Path dir = reports.resolve("bpcg-fetch-ahead");
        assertEquals(0, bench(dir, "-r", "4KB", "--polls-in-flight", "2", "--poll-messages", "25",
                "balanced-producer-and-consumer-group", "-p", "1", "-c", "1", "-a", "3", "-g", "1"));
        JsonNode report = readReport(dir);
        assertTrue(report.get("errors").isEmpty(), report.get("errors").toString());
        JsonNode consumers = group(report, "consumers");
        assertEquals(100, consumers.get("messages").asLong());
        assertEquals(100L * 100L, consumers.get("payload_bytes").asLong());
    }

    @Test
    void shouldLeaveTheWarmupByCountOutOfTheReport() throws Exception {
        // 25 warm-up messages are 3 whole batches of 10: each producer stores 30 unmeasured, then 100 measured
        Path producerDir = reports.resolve("pp-warm");
        assertEquals(0, bench(producerDir, "--warmup-messages", "25", "pinned-producer", "-p", "2"));
        JsonNode produced = readReport(producerDir);
        assertEquals(30, produced.get("params").get("warmup_messages").asLong());
        assertTotals(group(produced, "producers"), 2);
        assertEquals(2 * 130, produced.get("server_stats").get("messages_count").asLong());

        // the consumer reads the 30 first, unmeasured, then the 100 behind them
        Path consumerDir = reports.resolve("pc-warm");
        assertEquals(0, bench(consumerDir, "--warmup-messages", "25", "pc", "-c", "2"));
        JsonNode consumed = readReport(consumerDir);
        assertTotals(group(consumed, "consumers"), 2);
        assertTrue(consumed.get("errors").isEmpty());

        // 40 warm-up messages leave 90 of the 130 for the measured part, which wants 100: it runs dry
        Path shortDir = reports.resolve("pc-warm-short");
        assertEquals(1, bench(shortDir, "--warmup-messages", "40", "--idle-timeout", "300ms", "pc", "-c", "1"));
        JsonNode stopped = readReport(shortDir);
        assertEquals(90, group(stopped, "consumers").get("messages").asLong());
        assertTrue(stopped.get("errors").get(0).asText().contains("after 90 of 100 messages"),
                stopped.get("errors").toString());
    }

    @Test
    void shouldRunProducingConsumersEndToEnd() throws Exception {
        Path dir = reports.resolve("e2e");
        assertEquals(0, bench(dir, "end-to-end-producing-consumer", "-p", "2"));
        assertTotals(group(readReport(dir), "producing_consumers"), 2);
    }

    @Test
    void shouldRunOverWebSocketWithTls() throws Exception {
        Path dir = reports.resolve("wss");
        StringWriter out = new StringWriter();
        int status = IggyBench.run(new String[] {"-b", "10", "-P", "10", "-m", "100", "-t", "5ms",
            "pinned-producer", "-p", "1", "websocket", "--server-address", "127.0.0.1:" + server.port("websocket"),
            "--tls", "--tls-ca-file", certFile().toString(), "output", "-o", dir.toString()},
                new PrintWriter(out), new PrintWriter(out));
        assertEquals(0, status, out.toString());
        JsonNode report = readReport(dir);
        assertTotals(group(report, "producers"), 1);
        assertEquals("websocket", report.get("params").get("transport").asText());
        assertTrue(report.get("params").get("tls").asBoolean());
    }

    @Test
    void shouldRejectStreamsThatDoNotMatchPinnedProducers() {
        StringWriter err = new StringWriter();
        int status = IggyBench.run(new String[] {"pp", "-p", "2", "-s", "3", "tcp"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("--streams must equal --producers"), err.toString());
    }

    @Test
    void shouldFailCleanlyWhenTheServerRejectsTheCredentials() {
        StringWriter err = new StringWriter();
        int status = IggyBench.run(new String[] {"-p", "wrong", "pp", "-p", "1", "tcp", "--server-address",
                "127.0.0.1:" + server.port()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, status);
        assertTrue(err.toString().contains("status 42"), err.toString());
    }

    private int bench(Path outputDir, String... scenario) {
        String[] global = {"-b", "10", "-P", "10", "-m", "100", "-t", "5ms"};
        String[] tail = {"tcp", "--server-address", "127.0.0.1:" + server.port(), "output", "-o",
                outputDir.toString()};
        String[] args = new String[global.length + scenario.length + tail.length];
        System.arraycopy(global, 0, args, 0, global.length);
        System.arraycopy(scenario, 0, args, global.length, scenario.length);
        System.arraycopy(tail, 0, args, global.length + scenario.length, tail.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = IggyBench.run(args, new PrintWriter(out), new PrintWriter(err));
        if (status != 0) {
            System.err.println(out + "\n" + err);
        }
        return status;
    }

    private static void assertTotals(JsonNode group, int actors) {
        assertEquals(actors, group.get("actors").asInt());
        assertEquals(actors * 10L * 10L, group.get("messages").asLong());
        assertEquals(actors * 10L, group.get("batches").asLong());
        assertEquals(actors * 10L * 10L * 100L, group.get("payload_bytes").asLong());
        double wall = group.get("wall_time_seconds").asDouble();
        assertTrue(wall > 0);
        assertEquals(group.get("payload_bytes").asLong() / 1e6 / wall,
                group.get("throughput_megabytes_per_second").asDouble(), 1e-6);
        assertFalse(group.get("series").get("throughput_megabytes_per_second").isEmpty());
    }

    private static void assertHtmlCharts(Path dir, String role) throws Exception {
        Path html = dir.resolve(ReportWriter.HTML_FILE);
        assertTrue(Files.isRegularFile(html));
        String page = Files.readString(html);
        assertTrue(page.contains("<svg id=\"throughput-chart-" + role + "\""), "throughput chart");
        assertTrue(page.contains("<svg id=\"latency-chart-" + role + "\""), "latency chart");
        assertTrue(page.contains("<svg id=\"percentile-chart-" + role + "\""), "percentile chart");
        assertTrue(page.contains("<path class=\"series\""), "a drawn series");
        assertFalse(page.contains("http:") || page.contains("https:") || page.contains("<script src"),
                "no external resources");
    }

    private static JsonNode readReport(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON_FILE).toFile());
    }

    private static JsonNode group(JsonNode report, String role) {
        for (JsonNode g : report.get("groups")) {
            if (g.get("role").asText().equals(role)) {
                return g;
            }
        }
        throw new AssertionError("no group " + role + " in " + report.get("groups"));
    }
}
