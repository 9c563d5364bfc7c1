package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.storage.FaultInjectingFileOpener;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.spi.test.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injected device errors (EIO) under {@code enforce_fsync}, through the kernel's file-opening seam:
 * a send whose write or fsync fails is not acknowledged and leaves nothing behind, the partition turns
 * read-only (sends refused, {@code iggy_partitions_read_only} = 1) while polls of everything
 * acknowledged go on, other partitions keep working, and a restart makes it writable again.
 */
@Timeout(120)
class StorageFaultIT {

    @TempDir
    Path dataDir;

    private final FaultInjectingFileOpener files = new FaultInjectingFileOpener();
    private final SequencedProducer producer = new SequencedProducer(0, 0, 20, 200);
    private TestServer server;
    private IggyTcpClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir, Map.of("IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC", "true"), files);
        client = server.loggedInClient();
        client.streams().createStream("faults");
        client.topics().createTopic(StreamId.of(0L), 2L, CompressionAlgorithm.None, BigInteger.ZERO,
            BigInteger.ZERO, Optional.empty(), "t");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, producer.sendBatch(client));
        }
    }

    @AfterEach
    void stop() {
        SdkClients.closeAll(client);
        if (server != null) {
            server.close();
        }
    }

    private double readOnlyPartitions() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + "/metrics");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString());
        return PrometheusText.samples(r.body()).get("iggy_partitions_read_only");
    }

    private void sendToOtherPartition() {
        client.messages().sendMessages(StreamId.of(0L), TopicId.of(0L), Partitioning.partitionId(1L),
            List.of(Message.of("other partition")));
    }

    private void assertReadOnlyThenWritableAfterRestart() throws Exception {
        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), producer.sendBatch(client), "read-only: refused");
        assertEquals(producer.acked(), producer.readAll(client), "everything acknowledged is readable");
        assertEquals(1.0, readOnlyPartitions());
        sendToOtherPartition();

        SdkClients.closeAll(client);
        server.restart();
        client = server.loggedInClient();
        assertEquals(producer.acked(), producer.readAll(client), "nothing unacknowledged after the restart");
        assertEquals(0.0, readOnlyPartitions());
        assertEquals(0, producer.sendBatch(client), "a restart re-validates the tail and makes it writable");
        assertEquals(producer.acked(), producer.readAll(client));
    }

    @Test
    void shouldRefuseSendAndTurnReadOnlyWhenWriteFails() throws Exception {
        files.failWrites(".log", 100);
        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), producer.sendBatch(client));
        files.heal();

        assertReadOnlyThenWritableAfterRestart();
    }

    @Test
    void shouldNotAcknowledgeAndTurnReadOnlyWhenFsyncFails() throws Exception {
        files.failSyncs();
        assertEquals(ErrorCode.CANNOT_SYNC_FILE.code(), producer.sendBatch(client));
        files.heal();

        assertReadOnlyThenWritableAfterRestart();
    }
}
