package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.MessageChecks.offsets;
import static org.iggyj.kernel.it.MessageChecks.poll;
import static org.iggyj.kernel.it.MessageChecks.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
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
import org.apache.iggy.partition.Partition;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention end to end (server-semantics §3.9): the cleaner's expiry and size rules, delete_segments
 * with and without the consumer barrier, purges, and that each result survives a restart.
 *
 * <p>Segments are 1 KiB and every batch is two messages of 164 bytes (100-byte payloads), so a
 * segment rolls after exactly 4 batches and holds offsets {@code 8k .. 8k+7}.
 */
@Timeout(120)
class RetentionIT {

    private static final long STREAM = 0;
    private static final long TOPIC = 0;
    private static final int MESSAGES_PER_SEGMENT = 8;
    private static final String PAYLOAD = "x".repeat(100);

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;
    private IggyTcpClient client;

    private void start(Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("IGGY_SYSTEM_SEGMENT_SIZE", "1 KiB");
        server = servers.start(env);
        client = server.loggedInClient();
    }

    private void restart() throws IOException {
        server.restart();
        client = server.loggedInClient();
    }

    private void createTopic(long expiryUs, long maxSizeBytes) {
        client.streams().createStream("retention");
        client.topics().createTopic(StreamId.of(STREAM), 1L, CompressionAlgorithm.None,
                BigInteger.valueOf(expiryUs), BigInteger.valueOf(maxSizeBytes), Optional.empty(), "t");
    }

    /** Sends {@code batches} batches of two messages to partition 0. */
    private void sendBatches(int batches) {
        for (int i = 0; i < batches; i++) {
            client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(TOPIC), Partitioning.partitionId(0L),
                    List.of(Message.of(PAYLOAD), Message.of(PAYLOAD)));
        }
    }

    private List<Long> allOffsets() {
        return offsets(poll(client, STREAM, TOPIC, 0, PollingStrategy.offset(BigInteger.ZERO), 10_000));
    }

    private long firstOffset() {
        List<Long> offsets = offsets(poll(client, STREAM, TOPIC, 0, PollingStrategy.first(), 1));
        return offsets.isEmpty() ? -1 : offsets.get(0);
    }

    private Partition partition() {
        return client.topics().getTopic(StreamId.of(STREAM), TopicId.of(TOPIC)).orElseThrow().partitions().get(0);
    }

    /** Bounded wait for the cleaner: polls every 50 ms for at most 20 s. */
    private void awaitFirstOffsetAtLeast(long expected) throws InterruptedException {
        for (int i = 0; i < 400 && firstOffset() < expected; i++) {
            Thread.sleep(50);
        }
        assertTrue(firstOffset() >= expected, "first offset " + firstOffset() + ", expected at least " + expected);
    }

    private static Map<String, String> cleanerOn() {
        return Map.of("IGGY_DATA_MAINTENANCE_MESSAGES_CLEANER_ENABLED", "true",
                "IGGY_DATA_MAINTENANCE_MESSAGES_INTERVAL", "50 ms");
    }

    @Test
    void shouldDeleteExpiredSegmentsButKeepFreshOnesWhenCleanerIsOn() throws Exception {
        start(cleanerOn());
        createTopic(2_000_000, 0);
        sendBatches(20); // offsets 0..39: sealed segments 0, 8, 16, 24; active 32

        awaitFirstOffsetAtLeast(32);
        assertEquals(32, firstOffset(), "the active segment is never deleted");
        sendBatches(20); // offsets 40..79, fresh: none of their segments can expire for 2 s
        List<Long> afterSecondSend = allOffsets();
        assertTrue(afterSecondSend.containsAll(range(40, 80)), afterSecondSend.toString());

        restart();
        long first = firstOffset();
        assertTrue(first >= 32 && first <= 40, "deleted offsets stay deleted after restart: " + first);
        assertEquals(BigInteger.valueOf(79), partition().currentOffset());
    }

    @Test
    void shouldDeleteOldestSegmentsWhileTopicIsAtNinetyPercentOfItsMaxSize() throws Exception {
        start(cleanerOn());
        // 40 batches = 10 segments of 1312 bytes; 90% of 4096 = 3686, so the last 2 segments (2624 bytes) stay.
        createTopic(0, 4096);
        sendBatches(40);

        awaitFirstOffsetAtLeast(64);
        assertEquals(range(64, 80), allOffsets());
        assertEquals(2L, partition().segmentsCount());
        assertEquals(BigInteger.valueOf(16), partition().messagesCount());

        restart();
        assertEquals(range(64, 80), allOffsets());
        assertEquals(2L, partition().segmentsCount());
    }

    @Test
    void shouldDeleteRequestedOldestSegmentsButNeverTheActiveOne() throws Exception {
        start(Map.of());
        createTopic(0, 0);
        sendBatches(40); // 10 segments
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.deleteSegments(raw, STREAM, TOPIC, 0, 3).status());
            assertEquals(3 * MESSAGES_PER_SEGMENT, firstOffset());
            assertEquals(7L, partition().segmentsCount());
            assertEquals(range(24, 80), allOffsets());

            assertEquals(0, RawCommands.deleteSegments(raw, STREAM, TOPIC, 0, 100).status());
            assertEquals(1L, partition().segmentsCount());
            assertEquals(range(72, 80), allOffsets());

            assertEquals(1009, RawCommands.deleteSegments(raw, 9, TOPIC, 0, 1).status());
            assertEquals(2010, RawCommands.deleteSegments(raw, STREAM, 9, 0, 1).status());
            assertEquals(3007, RawCommands.deleteSegments(raw, STREAM, TOPIC, 1, 1).status());
        }
        sendBatches(1);
        assertEquals(BigInteger.valueOf(81), partition().currentOffset(), "offsets continue after deletion");

        restart();
        assertEquals(range(72, 82), allOffsets());
    }

    @Test
    void shouldKeepSegmentsAboveTheLowestStoredConsumerOffset() throws Exception {
        start(Map.of());
        createTopic(0, 0);
        sendBatches(40);
        client.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(0L),
                Consumer.of(5L), BigInteger.valueOf(10));
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.deleteSegments(raw, STREAM, TOPIC, 0, 5).status());
        }
        assertEquals(8, firstOffset(), "segment 0 ends at 7 < 10 and goes; segment 8 ends at 15 > 10 and stays");
        assertEquals(9L, partition().segmentsCount());

        restart();
        assertEquals(8, firstOffset());
        assertEquals(range(8, 80), allOffsets());
    }

    @Test
    void shouldClearMessagesAndConsumerOffsetsWhenPurgedAndKeepThatAfterRestart() throws Exception {
        start(Map.of());
        createTopic(0, 0);
        sendBatches(10);
        client.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(0L),
                Consumer.of(5L), BigInteger.valueOf(10));
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.purgeTopic(raw, STREAM, TOPIC).status());
        }
        assertEquals(List.of(), allOffsets());
        assertEquals(Optional.empty(), storedOffset(5L));
        sendBatches(1);
        assertEquals(List.of(0L, 1L), allOffsets(), "offsets restart at 0");

        restart();
        assertEquals(List.of(0L, 1L), allOffsets());
        assertEquals(Optional.empty(), storedOffset(5L));

        client.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(0L),
                Consumer.of(6L), BigInteger.ONE);
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.purgeStream(raw, STREAM).status());
        }
        assertEquals(Optional.empty(), storedOffset(6L));
        restart();
        assertEquals(List.of(), allOffsets());
        assertEquals(Optional.empty(), storedOffset(6L));
        assertEquals(BigInteger.ZERO, partition().currentOffset());
    }

    private Optional<BigInteger> storedOffset(long consumer) {
        return client.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(0L),
                Consumer.of(consumer)).map(o -> o.storedOffset());
    }
}
