package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real full disk: the data directory is on a 16 MiB tmpfs the test mounts (root only; skipped
 * otherwise) and {@code min_free_space} is 0. The official SDK sends numbered 1 KiB messages, then the
 * test fills the rest of the file system behind the server's back (free space is measured hourly
 * here, and after deletions), so the next send meets a real ENOSPC in the middle of its write. Every
 * acknowledged message stays readable, no message of a refused batch is ever stored, reads, logins,
 * listings, stats, auto-commits and deletions work on the full disk, and sends succeed again once
 * delete_segments frees space, with and without a restart.
 */
@Timeout(180)
class DiskFullIT {

    private static final int TMPFS_MIB = 16;
    private static final long STREAM = 0;
    private static final long TOPIC = 0;
    private static final Map<String, String> ENV = Map.of(
        "IGGY_SYSTEM_STORAGE_MIN_FREE_SPACE", "0",
        "IGGY_SYSTEM_STORAGE_FREE_SPACE_CHECK_INTERVAL", "1 h",
        "IGGY_SYSTEM_SEGMENT_SIZE", "1 MiB",
        "IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "1");

    @RegisterExtension
    final TestServers servers = TestServers.onTmpfs(TMPFS_MIB);

    private TestServer server;
    private IggyTcpClient client;
    private final SequencedProducer producer = new SequencedProducer(STREAM, TOPIC, 50, 1000);

    @AfterEach
    void closeClient() {
        SdkClients.closeAll(client);
    }

    private void start() throws Exception {
        start(Map.of());
    }

    private void start(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.putAll(extraEnv);
        server = servers.start(env);
        client = server.loggedInClient();
    }

    private void restart() throws Exception {
        SdkClients.closeAll(client);
        server.restart();
        client = server.loggedInClient();
    }

    private void createTopic() {
        client.streams().createStream("disk");
        client.topics().createTopic(StreamId.of(STREAM), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
            BigInteger.ZERO, Optional.empty(), "full");
    }

    /**
     * Sends 5 MiB, fills the rest of the file system so that not one page is free, and sends again: the
     * server still believes there is room, so the write itself fails with ENOSPC.
     */
    private void fillDisk() {
        assertEquals(0, producer.sendUntilRefused(client, 100));
        try (LogCapture log = LogCapture.of(DiskSpace.class)) {
            servers.tmpfs().fill("filler");
            assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), producer.sendBatch(client),
                "a send on a full disk is refused with 4010");
            assertTrue(log.warned("is full"), () -> "the write met ENOSPC: " + log.lines());
        }
        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), producer.sendBatch(client));
    }

    private void assertExactlyAcknowledged(long firstNumber) {
        List<Long> stored = producer.readAll(client);
        assertEquals(producer.ackedFrom(firstNumber), stored, "the partition holds exactly the acknowledged messages");
        assertTrue(stored.stream().noneMatch(producer.failed()::contains), "no message of a refused batch");
    }

    private void deleteSegmentsAndResume(int segments) throws Exception {
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.deleteSegments(raw, STREAM, TOPIC, 0, segments).status());
        }
        // Deleting measures free space again at once; the periodic check (1 s) is only a fallback.
        int code = -1;
        for (int attempt = 0; attempt < 50 && code != 0; attempt++) {
            code = producer.sendBatch(client);
            if (code != 0) {
                assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), code);
                Thread.sleep(100);
            }
        }
        assertEquals(0, code, "sends succeed again once segments are deleted");
    }

    private long firstStoredNumber() {
        return producer.readAll(client).get(0);
    }

    @Test
    void shouldServeEverythingAcknowledgedAndResumeWhenSegmentsAreDeleted() throws Exception {
        start();
        createTopic();
        client.streams().createStream("spare");
        fillDisk();
        assertFalse(producer.failed().isEmpty());

        assertExactlyAcknowledged(0);
        long committed = producer.acked().size() - 1L;
        try (IggyTcpClient other = server.loggedInClient()) {
            assertEquals(2, other.streams().getStreams().size(), "login and listings work on a full disk");
            assertTrue(other.system().getStats().messagesCount().longValue() > 0);
            assertTrue(other.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC),
                Optional.of(0L), Consumer.of(7L)).isEmpty());
            other.streams().deleteStream(StreamId.of(1L));
            assertEquals(1, other.streams().getStreams().size(), "deleting a stream saves metadata on a full disk");
            other.messages().pollMessages(StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(0L), Consumer.of(9L),
                PollingStrategy.last(), 1L, true);
            assertEquals(committed, other.consumerOffsets().getConsumerOffset(StreamId.of(STREAM),
                TopicId.of(TOPIC), Optional.of(0L), Consumer.of(9L)).orElseThrow().storedOffset().longValue(),
                "a poll's auto-commit takes effect although its file cannot be written yet");
        }

        deleteSegmentsAndResume(3);
        long first = firstStoredNumber();
        assertTrue(first > 0, "the oldest segments are gone");
        assertExactlyAcknowledged(first);

        restart();
        assertExactlyAcknowledged(first);
        assertEquals(committed, client.consumerOffsets().getConsumerOffset(StreamId.of(STREAM),
            TopicId.of(TOPIC), Optional.of(0L), Consumer.of(9L)).orElseThrow().storedOffset().longValue(),
            "the auto-committed offset was written once space returned");
        assertEquals(0, producer.sendBatch(client));
        assertExactlyAcknowledged(first);
    }

    @Test
    void shouldStartOnFullDiskServeReadsRefuseSendsAndResumeWhenSegmentsAreDeleted() throws Exception {
        start();
        createTopic();
        fillDisk();

        restart();

        assertExactlyAcknowledged(0);
        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), producer.sendBatch(client), "writes are refused");
        assertEquals(1, client.streams().getStreams().size());
        assertExactlyAcknowledged(0);

        deleteSegmentsAndResume(2);
        long first = firstStoredNumber();
        assertExactlyAcknowledged(first);
        restart();
        assertExactlyAcknowledged(first);
    }

    @Test
    void shouldResumeSendsByThemselvesWhenRetentionFreesSpace() throws Exception {
        start(Map.of("IGGY_DATA_MAINTENANCE_MESSAGES_CLEANER_ENABLED", "true",
            "IGGY_DATA_MAINTENANCE_MESSAGES_INTERVAL", "1 s"));
        createTopic();
        fillDisk();

        // Saved on the full disk (the metadata reserve), and from now on retention expires old segments.
        client.topics().updateTopic(StreamId.of(STREAM), TopicId.of(TOPIC), CompressionAlgorithm.None,
            BigInteger.valueOf(1_000_000), BigInteger.ZERO, Optional.empty(), "full");

        int code = -1;
        for (int attempt = 0; attempt < 150 && code != 0; attempt++) {
            code = producer.sendBatch(client);
            if (code != 0) {
                assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE.code(), code);
                Thread.sleep(200);
            }
        }
        assertEquals(0, code, "retention ran on the full disk, and sends resumed without any command");
        long first = firstStoredNumber();
        assertTrue(first > 0);
        assertExactlyAcknowledged(first);
    }
}
