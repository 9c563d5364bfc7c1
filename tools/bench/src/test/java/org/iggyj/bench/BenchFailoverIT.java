package org.iggyj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.client.IggyConnection;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * iggy-bench given two servers keeps producing when the one it runs on stops: every batch is either
 * acknowledged by one of the servers or reported in doubt, and the report names the move.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchFailoverIT {

    private static final int BATCHES = 400;
    private static final int BATCH = 10;

    @TempDir
    Path dataDir;

    @Test
    void shouldGoOnOnTheNextNodeAndReportTheFailoverWhenItsNodeStops() throws Exception {
        InProcessServer a = InProcessServer.start(dataDir.resolve("a"));
        try (InProcessServer b = InProcessServer.start(dataDir.resolve("b"))) {
            // two independent servers stand in for two nodes: b needs the stream the bench creates on a
            try (IggyConnection c = login(b)) {
                c.createStream(BenchSettings.streamName(1));
                c.createTopic(Identifier.named(BenchSettings.streamName(1)), 1, BenchSettings.TOPIC);
            }
            Path reportDir = dataDir.resolve("report");
            StringWriter out = new StringWriter();
            // 100 KB/s of 100-byte messages: about 4 s of sending, so a stops in the middle
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> IggyBench.run(new String[] {
                "-b", Integer.toString(BATCHES), "-P", Integer.toString(BATCH), "-m", "100", "-t", "5ms",
                "-r", "100KB", "pinned-producer", "-p", "1", "tcp", "--server-address",
                "127.0.0.1:" + a.port() + ",127.0.0.1:" + b.port(), "output", "-o", reportDir.toString()},
                new PrintWriter(out), new PrintWriter(out)));
            try (IggyConnection c = login(a)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (c.stats().messagesCount() < 50 * BATCH && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            a.close();
            assertEquals(0, run.get(90, TimeUnit.SECONDS), out.toString());

            JsonNode report = new ObjectMapper().readTree(reportDir.resolve(ReportWriter.JSON_FILE).toFile());
            assertEquals(1, report.get("failovers").size(), out.toString());
            assertTrue(report.get("failovers").get(0).asText().contains("127.0.0.1:" + b.port()), out.toString());
            long acknowledged = report.get("actors").get(0).get("batches").asLong();
            long inDoubt = report.get("in_doubt").asLong();
            assertEquals(BATCHES, acknowledged + inDoubt, out.toString());
            assertTrue(inDoubt <= 1, "at most the batch in flight: " + inDoubt);
            long onB = report.get("server_stats").get("messages_count").asLong();
            assertTrue(onB > 0 && onB < (long) BATCHES * BATCH, "b took the rest: " + onB);
            assertTrue(out.toString().contains("Failovers: 1;"), out.toString());
        } finally {
            a.close();
        }
    }

    private static IggyConnection login(InProcessServer server) {
        IggyConnection c = IggyConnection.connect("127.0.0.1", server.port());
        c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
        return c;
    }
}
