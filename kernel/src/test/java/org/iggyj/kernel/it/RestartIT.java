package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.MessageChecks.offsets;
import static org.iggyj.kernel.it.MessageChecks.poll;
import static org.iggyj.kernel.it.MessageChecks.pollAll;
import static org.iggyj.kernel.it.MessageChecks.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.partition.Partition;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.TopicDetails;
import org.iggyj.kernel.it.MessageChecks.Polled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful restart keeps every message byte for byte (offsets, ids, timestamps, checksums,
 * payloads, headers), the metadata and the consumer offsets, and appends continue at the next
 * offset; once with the default segment size and once with 4 KiB segments so that messages span
 * many segment files.
 */
@Timeout(120)
class RestartIT {

    private static final int MESSAGES = 1000;
    private static final int BATCH = 50;
    private static final long STREAM = 0;
    private static final long TOPIC = 0;

    @TempDir
    Path dataDir;

    @Test
    void restartWithDefaultSegments() throws Exception {
        roundTrip(Map.of(), false);
    }

    @Test
    void restartWithManySmallSegments() throws Exception {
        // A flush after every batch makes segments roll while sending, not only at shutdown.
        roundTrip(Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "4 KiB",
                "IGGY_SYSTEM_PARTITION_MESSAGES_REQUIRED_TO_SAVE", String.valueOf(BATCH)), true);
    }

    private void roundTrip(Map<String, String> env, boolean severalSegments) throws Exception {
        try (TestServer server = TestServer.start(dataDir, env)) {
            List<List<Polled>> before = new ArrayList<>();
            StreamDetails streamBefore;
            TopicDetails topicBefore;
            try (IggyTcpClient client = server.loggedInClient()) {
                assertEquals(STREAM, client.streams().createStream("durable").id());
                assertEquals(TOPIC, client.topics().createTopic(StreamId.of(STREAM), 2L, CompressionAlgorithm.None,
                        BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "events").id());
                for (int b = 0; b < MESSAGES / BATCH; b++) {
                    List<Message> batch = new ArrayList<>();
                    for (int j = 0; j < BATCH; j++) {
                        int i = b * BATCH + j;
                        batch.add(Message.of("payload-" + i + "-" + "x".repeat(i % 17), headers(i)));
                    }
                    client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(TOPIC),
                            Partitioning.partitionId((long) (b % 2)), batch);
                }
                client.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(0L),
                        Consumer.of(5L), BigInteger.valueOf(123));
                // The first auto-commit creates the offset file, the later ones overwrite it on the file kept open.
                for (int poll = 0; poll < 3; poll++) {
                    assertEquals(range(poll * 10, poll * 10 + 10), offsets(client.messages().pollMessages(
                            StreamId.of(STREAM), TopicId.of(TOPIC), Optional.of(1L), Consumer.of(6L),
                            PollingStrategy.next(), 10L, true)));
                }

                for (long p = 0; p < 2; p++) {
                    List<Polled> all = pollAll(client, STREAM, TOPIC, p);
                    assertEquals(MESSAGES / 2, all.size());
                    for (int k = 0; k < all.size(); k++) {
                        int i = (k / BATCH * 2 + (int) p) * BATCH + k % BATCH;
                        assertEquals(k, all.get(k).offsetValue());
                        assertEquals("payload-" + i + "-" + "x".repeat(i % 17), all.get(k).payload());
                        assertEquals(headers(i), all.get(k).headers());
                    }
                    before.add(all);
                }
                streamBefore = client.streams().getStream(StreamId.of(STREAM)).orElseThrow();
                topicBefore = client.topics().getTopic(StreamId.of(STREAM), TopicId.of(TOPIC)).orElseThrow();
                assertEquals(BigInteger.valueOf(MESSAGES), topicBefore.messagesCount());
                if (severalSegments) {
                    for (Partition p : topicBefore.partitions()) {
                        assertTrue(p.segmentsCount() >= 2, "several segments before restart: " + p);
                    }
                }
            }

            server.restart();

            try (IggyTcpClient client = server.loggedInClient()) {
                for (int p = 0; p < 2; p++) {
                    assertEquals(before.get(p), pollAll(client, STREAM, TOPIC, p), "partition " + p + " after restart");
                }
                assertEquals(streamBefore, client.streams().getStream(StreamId.of(STREAM)).orElseThrow());
                assertEquals(topicBefore, client.topics().getTopic(StreamId.of(STREAM), TopicId.of(TOPIC)).orElseThrow());
                assertEquals(Optional.of(new ConsumerOffsetInfo(0L, BigInteger.valueOf(499), BigInteger.valueOf(123))),
                        client.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC),
                                Optional.of(0L), Consumer.of(5L)));
                assertEquals(range(30, 35), offsets(client.messages().pollMessages(StreamId.of(STREAM),
                        TopicId.of(TOPIC), Optional.of(1L), Consumer.of(6L), PollingStrategy.next(), 5L, false)));
                assertEquals(BigInteger.valueOf(29), client.consumerOffsets().getConsumerOffset(StreamId.of(STREAM),
                        TopicId.of(TOPIC), Optional.of(1L), Consumer.of(6L)).orElseThrow().storedOffset());

                // appends continue after the recovered tail
                List<Message> more = new ArrayList<>();
                for (int j = 0; j < 5; j++) {
                    more.add(Message.of("after-" + j, headers(MESSAGES + j)));
                }
                client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(TOPIC), Partitioning.partitionId(0L),
                        more);
                List<Polled> tail = MessageChecks.values(poll(client, STREAM, TOPIC, 0,
                        PollingStrategy.offset(BigInteger.valueOf(MESSAGES / 2)), 100));
                assertEquals(range(MESSAGES / 2, MESSAGES / 2 + 5), tail.stream().map(Polled::offsetValue).toList());
                assertEquals(List.of("after-0", "after-1", "after-2", "after-3", "after-4"),
                        tail.stream().map(Polled::payload).toList());
                assertTrue(tail.get(0).timestamp().compareTo(before.get(0).get(MESSAGES / 2 - 1).timestamp()) >= 0,
                        "timestamps keep growing after restart");
            }

            // and a second restart keeps both the old and the new messages
            server.restart();
            try (IggyTcpClient client = server.loggedInClient()) {
                List<Polled> all = pollAll(client, STREAM, TOPIC, 0);
                assertEquals(MESSAGES / 2 + 5, all.size());
                assertEquals(before.get(0), all.subList(0, MESSAGES / 2));
                assertEquals("after-4", all.get(all.size() - 1).payload());
                assertEquals(before.get(1), pollAll(client, STREAM, TOPIC, 1));
            }
        }
    }

    private static Map<HeaderKey, HeaderValue> headers(int i) {
        Map<HeaderKey, HeaderValue> h = new LinkedHashMap<>();
        h.put(HeaderKey.fromString("idx"), HeaderValue.fromInt64(i));
        h.put(HeaderKey.fromString("text"), HeaderValue.fromString("message " + i));
        h.put(HeaderKey.fromString("flag"), HeaderValue.fromBool(i % 2 == 0));
        return h;
    }
}
