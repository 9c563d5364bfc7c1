package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.iggyj.kernel.it.MessageChecks.offsets;
import static org.iggyj.kernel.it.MessageChecks.poll;
import static org.iggyj.kernel.it.MessageChecks.pollAll;
import static org.iggyj.kernel.it.MessageChecks.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.codec.digest.XXHash32;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.MessageChecks.Polled;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sending and polling through the official Java SDK: every partitioning kind, every polling
 * strategy, consumer offsets and auto-commit (binary-protocol.md §2.4, §2.5, §4.4, §4.5, §6;
 * server-semantics.md §3.4–§3.7). One server and one data set for the class; the tests only
 * read it (each uses its own consumer id where offsets are stored).
 */
@Timeout(180)
class MessagesIT {

    private static final long STREAM = 0;
    private static final long BALANCED = 0;
    private static final long EXPLICIT = 1;
    private static final long KEYED = 2;
    private static final int PARTITIONS = 3;
    private static final int BATCH = 100;
    private static final int BALANCED_BATCHES = 100;
    private static final int EXPLICIT_BATCHES = 10;
    private static final int KEYED_BATCHES = 10;
    private static final int KEYED_BATCH = 50;
    private static final String[] KEYS = {"user-7", "user-8"};

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyTcpClient client;
    /** Expected payload indexes per partition of the balanced topic, in offset order. */
    private static final List<List<Integer>> balancedExpected = new ArrayList<>();

    @BeforeAll
    static void populate() throws Exception {
        server = servers.start();
        client = servers.closedWithServers(server.loggedInClient());
        assertEquals(STREAM, client.streams().createStream("messages").id());
        assertEquals(BALANCED, createTopic("balanced"));
        assertEquals(EXPLICIT, createTopic("explicit"));
        assertEquals(KEYED, createTopic("keyed"));

        for (int p = 0; p < PARTITIONS; p++) {
            balancedExpected.add(new ArrayList<>());
        }
        for (int b = 0; b < BALANCED_BATCHES; b++) {
            List<Message> batch = new ArrayList<>();
            for (int j = 0; j < BATCH; j++) {
                int i = b * BATCH + j;
                batch.add(Message.of("bal-" + i, headers(i, b)));
                balancedExpected.get(b % PARTITIONS).add(i);
            }
            client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(BALANCED), Partitioning.balanced(), batch);
        }
        for (int b = 0; b < EXPLICIT_BATCHES; b++) {
            List<Message> batch = new ArrayList<>();
            for (int j = 0; j < BATCH; j++) {
                int i = b * BATCH + j;
                batch.add(Message.of("exp-" + i, headers(i, b)));
            }
            client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(EXPLICIT), Partitioning.partitionId(1L),
                    batch);
        }
        for (int b = 0; b < KEYED_BATCHES; b++) {
            String key = KEYS[b % KEYS.length];
            List<Message> batch = new ArrayList<>();
            for (int j = 0; j < KEYED_BATCH; j++) {
                int i = b * KEYED_BATCH + j;
                batch.add(Message.of(key + "/" + i, headers(i, b)));
            }
            client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(KEYED), Partitioning.messagesKey(key),
                    batch);
        }
    }

    private static long createTopic(String name) {
        return client.topics().createTopic(StreamId.of(STREAM), (long) PARTITIONS, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), name).id();
    }

    private static Map<HeaderKey, HeaderValue> headers(int i, int batch) {
        Map<HeaderKey, HeaderValue> h = new LinkedHashMap<>();
        h.put(HeaderKey.fromString("idx"), HeaderValue.fromInt64(i));
        h.put(HeaderKey.fromString("batch"), HeaderValue.fromString("b" + batch));
        return h;
    }

    @Test
    void balancedSendsRoundRobinPerRequestAndEveryMessageIsIntact() {
        int total = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            List<Polled> all = pollAll(client, STREAM, BALANCED, p);
            List<Integer> expected = balancedExpected.get(p);
            assertEquals(expected.size(), all.size(), "messages in partition " + p);
            Set<BigInteger> ids = new HashSet<>();
            for (int k = 0; k < all.size(); k++) {
                Polled m = all.get(k);
                int i = expected.get(k);
                int batch = i / BATCH;
                assertEquals(k, m.offsetValue(), "offset in partition " + p);
                assertEquals("bal-" + i, m.payload(), "payload at offset " + k + " of partition " + p);
                assertEquals(headers(i, batch), m.headers(), "headers at offset " + k + " of partition " + p);
                assertEquals(("bal-" + i).getBytes(StandardCharsets.UTF_8).length, m.payloadLength());
                assertTrue(m.timestamp().signum() > 0, "server timestamp set");
                assertEquals(BigInteger.ZERO, m.originTimestamp(), "origin timestamp is kept as sent (0)");
                assertNotEquals(BigInteger.ZERO, m.id(), "id 0 is replaced by the server");
                assertTrue(ids.add(m.id()), "ids unique");
                if (k > 0) {
                    Polled previous = all.get(k - 1);
                    assertTrue(previous.timestamp().compareTo(m.timestamp()) <= 0, "timestamps non-decreasing");
                    if (expected.get(k - 1) / BATCH == batch) {
                        assertEquals(previous.timestamp(), m.timestamp(), "one timestamp per appended batch");
                    }
                }
            }
            total += all.size();
        }
        assertEquals(BALANCED_BATCHES * BATCH, total);
        // batches 0, 3, ..., 99 -> partition 0; 1, 4, ..., 97 -> 1; 2, 5, ..., 98 -> 2
        assertEquals(3400, balancedExpected.get(0).size());
        assertEquals(3300, balancedExpected.get(1).size());
        assertEquals(3300, balancedExpected.get(2).size());
    }

    @Test
    void explicitPartitionReceivesEverything() {
        assertEquals(List.of(), pollAll(client, STREAM, EXPLICIT, 0));
        assertEquals(List.of(), pollAll(client, STREAM, EXPLICIT, 2));
        List<Polled> all = pollAll(client, STREAM, EXPLICIT, 1);
        assertEquals(EXPLICIT_BATCHES * BATCH, all.size());
        for (int k = 0; k < all.size(); k++) {
            assertEquals(k, all.get(k).offsetValue());
            assertEquals("exp-" + k, all.get(k).payload());
            assertEquals(headers(k, k / BATCH), all.get(k).headers());
        }
    }

    @Test
    void messagesKeyAlwaysLandsInTheSamePartition() {
        // expected content per partition, in send order: each key's batches go to XXH32(key) mod 3
        Map<Integer, List<String>> expectedByPartition = new LinkedHashMap<>();
        for (int b = 0; b < KEYED_BATCHES; b++) {
            String key = KEYS[b % KEYS.length];
            for (int j = 0; j < KEYED_BATCH; j++) {
                expectedByPartition.computeIfAbsent(partitionOf(key), p -> new ArrayList<>())
                        .add(key + "/" + (b * KEYED_BATCH + j));
            }
        }
        int total = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            List<Polled> all = pollAll(client, STREAM, KEYED, p);
            assertEquals(expectedByPartition.getOrDefault(p, List.of()), all.stream().map(Polled::payload).toList(),
                    "partition " + p);
            for (int k = 0; k < all.size(); k++) {
                assertEquals(k, all.get(k).offsetValue());
            }
            total += all.size();
        }
        assertEquals(KEYED_BATCHES * KEYED_BATCH, total);
    }

    /** XXH32 (seed 0) of the key bytes, modulo the partition count (binary-protocol.md §2.4). */
    private static int partitionOf(String key) {
        XXHash32 hash = new XXHash32(0);
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        hash.update(bytes, 0, bytes.length);
        return (int) (hash.getValue() % PARTITIONS);
    }

    @Test
    void offsetStrategyStartsAtTheGivenOffset() {
        PolledMessages polled = poll(client, STREAM, BALANCED, 0, PollingStrategy.offset(BigInteger.valueOf(1700)), 50);
        assertEquals(0L, polled.partitionId());
        assertEquals(BigInteger.valueOf(3399), polled.currentOffset());
        assertEquals(range(1700, 1750), offsets(polled));
        List<Integer> expected = balancedExpected.get(0);
        for (Message m : polled.messages()) {
            int k = m.header().offset().intValueExact();
            assertEquals("bal-" + expected.get(k), new String(m.payload(), StandardCharsets.UTF_8));
        }
        // the count bounds the result even at the end
        assertEquals(range(3390, 3400),
                offsets(poll(client, STREAM, BALANCED, 0, PollingStrategy.offset(BigInteger.valueOf(3390)), 100)));
    }

    @Test
    void firstStrategyStartsAtOffsetZero() {
        PolledMessages polled = poll(client, STREAM, BALANCED, 2, PollingStrategy.first(), 10);
        assertEquals(2L, polled.partitionId());
        assertEquals(BigInteger.valueOf(3299), polled.currentOffset());
        assertEquals(range(0, 10), offsets(polled));
        assertEquals("bal-200", new String(polled.messages().get(0).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void lastStrategyReturnsTheLastCountMessages() {
        PolledMessages polled = poll(client, STREAM, BALANCED, 0, PollingStrategy.last(), 10);
        assertEquals(range(3390, 3400), offsets(polled));
        assertEquals("bal-9999", new String(polled.messages().get(9).payload(), StandardCharsets.UTF_8));
        // more than the partition holds: everything
        assertEquals(range(0, 3300), offsets(poll(client, STREAM, BALANCED, 1, PollingStrategy.last(), 5000)));
    }

    @Test
    void nextStrategyResumesAfterTheStoredOffset() {
        Consumer fresh = Consumer.of(21L);
        // nothing stored: starts at the first offset, and without auto-commit does not advance
        for (int round = 0; round < 2; round++) {
            PolledMessages polled = client.messages().pollMessages(StreamId.of(STREAM), TopicId.of(BALANCED),
                    Optional.of(0L), fresh, PollingStrategy.next(), 10L, false);
            assertEquals(range(0, 10), offsets(polled));
        }

        Consumer stored = Consumer.of(22L);
        client.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(BALANCED), Optional.of(0L),
                stored, BigInteger.valueOf(99));
        PolledMessages polled = client.messages().pollMessages(StreamId.of(STREAM), TopicId.of(BALANCED),
                Optional.of(0L), stored, PollingStrategy.next(), 10L, false);
        assertEquals(range(100, 110), offsets(polled));

        // stored offset = last message: nothing new
        client.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(BALANCED), Optional.of(0L),
                stored, BigInteger.valueOf(3399));
        PolledMessages none = client.messages().pollMessages(StreamId.of(STREAM), TopicId.of(BALANCED),
                Optional.of(0L), stored, PollingStrategy.next(), 10L, false);
        assertEquals(List.of(), offsets(none));
        assertEquals(BigInteger.valueOf(3399), none.currentOffset());
    }

    @Test
    void timestampStrategyStartsAtTheFirstMessageNotOlderThanTheValue() {
        List<Polled> partition = pollAll(client, STREAM, BALANCED, 0);
        int k = 1234;
        BigInteger ts = partition.get(k).timestamp();

        assertTimestampPoll(partition, ts, k);
        // one microsecond later: the batch holding k is older, so the result starts after it
        List<Long> later = assertTimestampPoll(partition, ts.add(BigInteger.ONE), -1);
        assertTrue(later.isEmpty() || later.get(0) > k, "starts after offset " + k + ": " + later);
        // before everything: from offset 0
        assertEquals(range(0, 20), offsets(poll(client, STREAM, BALANCED, 0,
                PollingStrategy.timestamp(BigInteger.ONE), 20)));
        // after everything: nothing
        BigInteger afterAll = partition.get(partition.size() - 1).timestamp().add(BigInteger.ONE);
        assertEquals(List.of(), offsets(poll(client, STREAM, BALANCED, 0, PollingStrategy.timestamp(afterAll), 20)));
    }

    /**
     * Polls by timestamp and checks the result against the partition's content.
     *
     * @param mustInclude an offset the result must include (-1 for none)
     * @return the returned offsets
     */
    private static List<Long> assertTimestampPoll(List<Polled> partition, BigInteger value, int mustInclude) {
        PolledMessages polled = poll(client, STREAM, BALANCED, 0, PollingStrategy.timestamp(value), 300);
        List<Long> got = offsets(polled);
        if (got.isEmpty()) {
            assertTrue(partition.get(partition.size() - 1).timestamp().compareTo(value) < 0,
                    "empty result although messages with timestamp >= " + value + " exist");
            return got;
        }
        long first = got.get(0);
        assertEquals(range(first, first + got.size()), got, "contiguous");
        for (Message m : polled.messages()) {
            assertTrue(m.header().timestamp().compareTo(value) >= 0, "timestamp >= " + value);
        }
        if (first > 0) {
            assertTrue(partition.get((int) first - 1).timestamp().compareTo(value) < 0,
                    "the message before the first returned one is older than " + value);
        }
        if (mustInclude >= 0) {
            assertTrue(first <= mustInclude && mustInclude < first + got.size(),
                    "offset " + mustInclude + " within " + first + ".." + (first + got.size() - 1));
        }
        return got;
    }

    @Test
    void pollingBeyondTheEndIsEmptyWithCurrentOffset() {
        PolledMessages atEnd = poll(client, STREAM, BALANCED, 0, PollingStrategy.offset(BigInteger.valueOf(3400)), 10);
        assertEquals(List.of(), atEnd.messages());
        assertEquals(BigInteger.valueOf(3399), atEnd.currentOffset());
        assertEquals(0L, atEnd.partitionId());
        PolledMessages farAway = poll(client, STREAM, BALANCED, 1,
                PollingStrategy.offset(BigInteger.valueOf(1_000_000)), 10);
        assertEquals(List.of(), farAway.messages());
        assertEquals(BigInteger.valueOf(3299), farAway.currentOffset());
        assertEquals(1L, farAway.partitionId());
        // an empty partition
        PolledMessages empty = poll(client, STREAM, EXPLICIT, 0, PollingStrategy.first(), 10);
        assertEquals(List.of(), empty.messages());
        assertEquals(BigInteger.ZERO, empty.currentOffset());
    }

    @Test
    void consumerOffsetsStoreAndGet() {
        Consumer consumer = Consumer.of(30L);
        StreamId s = StreamId.of(STREAM);
        TopicId t = TopicId.of(BALANCED);
        assertEquals(Optional.empty(), client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), consumer));

        client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), consumer, BigInteger.valueOf(99));
        assertEquals(Optional.of(new ConsumerOffsetInfo(0L, BigInteger.valueOf(3399), BigInteger.valueOf(99))),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), consumer));
        // per partition
        assertEquals(Optional.empty(), client.consumerOffsets().getConsumerOffset(s, t, Optional.of(1L), consumer));
        // per consumer
        assertEquals(Optional.empty(),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), Consumer.of(31L)));

        // overwrite, up to the last offset
        client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), consumer, BigInteger.valueOf(3399));
        assertEquals(BigInteger.valueOf(3399),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), consumer).orElseThrow().storedOffset());

        assertIggyError(4100, () -> client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), consumer,
                BigInteger.valueOf(3400)));
        assertEquals(BigInteger.valueOf(3399),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), consumer).orElseThrow().storedOffset());
        // a partition that never held a message
        assertIggyError(4100, () -> client.consumerOffsets().storeConsumerOffset(s, TopicId.of(EXPLICIT),
                Optional.of(0L), consumer, BigInteger.ZERO));
        assertIggyError(3007, () -> client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(3L), consumer,
                BigInteger.ZERO));
        assertIggyError(1009, () -> client.consumerOffsets().storeConsumerOffset(StreamId.of(9L), t, Optional.of(0L),
                consumer, BigInteger.ZERO));
        assertIggyError(2010, () -> client.consumerOffsets().storeConsumerOffset(s, TopicId.of(9L), Optional.of(0L),
                consumer, BigInteger.ZERO));
        // get on missing entities: empty, not an error
        assertEquals(Optional.empty(),
                client.consumerOffsets().getConsumerOffset(StreamId.of(9L), t, Optional.of(0L), consumer));
    }

    @Test
    void autoCommitStoresTheLastPolledOffset() {
        Consumer consumer = Consumer.of(40L);
        StreamId s = StreamId.of(STREAM);
        TopicId t = TopicId.of(BALANCED);
        PolledMessages first = client.messages().pollMessages(s, t, Optional.of(1L), consumer, PollingStrategy.next(),
                100L, true);
        assertEquals(range(0, 100), offsets(first));
        assertEquals(BigInteger.valueOf(99),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(1L), consumer).orElseThrow().storedOffset());

        PolledMessages second = client.messages().pollMessages(s, t, Optional.of(1L), consumer, PollingStrategy.next(),
                100L, true);
        assertEquals(range(100, 200), offsets(second));
        assertEquals(BigInteger.valueOf(199),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(1L), consumer).orElseThrow().storedOffset());

        // auto-commit also applies to other strategies
        PolledMessages byOffset = client.messages().pollMessages(s, t, Optional.of(1L), consumer,
                PollingStrategy.offset(BigInteger.valueOf(1000)), 5L, true);
        assertEquals(range(1000, 1005), offsets(byOffset));
        assertEquals(BigInteger.valueOf(1004),
                client.consumerOffsets().getConsumerOffset(s, t, Optional.of(1L), consumer).orElseThrow().storedOffset());
        assertEquals(range(1005, 1010), offsets(client.messages().pollMessages(s, t, Optional.of(1L), consumer,
                PollingStrategy.next(), 5L, false)));
    }

    @Test
    void missingPartitionStreamOrTopic() {
        List<Message> one = List.of(Message.of("x"));
        assertIggyError(3007, () -> client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(BALANCED),
                Partitioning.partitionId(3L), one));
        assertIggyError(3007, () -> client.messages().pollMessages(StreamId.of(STREAM), TopicId.of(BALANCED),
                Optional.of(3L), Consumer.of(1L), PollingStrategy.first(), 10L, false));
        assertIggyError(1009, () -> client.messages().sendMessages(StreamId.of(9L), TopicId.of(BALANCED),
                Partitioning.balanced(), one));
        assertIggyError(2010, () -> client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(9L),
                Partitioning.balanced(), one));
        assertIggyError(1009, () -> client.messages().pollMessages(StreamId.of(9L), TopicId.of(BALANCED),
                Optional.of(0L), Consumer.of(1L), PollingStrategy.first(), 10L, false));
        assertIggyError(2010, () -> client.messages().pollMessages(StreamId.of(STREAM), TopicId.of(9L),
                Optional.of(0L), Consumer.of(1L), PollingStrategy.first(), 10L, false));
        // nothing was appended by the failed sends
        assertEquals(BigInteger.valueOf(3399),
                poll(client, STREAM, BALANCED, 0, PollingStrategy.last(), 1).currentOffset());
    }

    @Test
    void deleteConsumerOffsetRemovesItAndASecondDeleteIsConsumerOffsetNotFound() throws Exception {
        StreamId s = StreamId.of(STREAM);
        TopicId t = TopicId.of(BALANCED);
        Consumer consumer = Consumer.of(4242L);
        client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(1L), consumer, BigInteger.valueOf(7));
        ByteBuf request = Unpooled.buffer();
        new ConsumerOffsetRef(org.iggyj.protocol.wire.Consumer.consumer(Identifier.numeric(4242)),
                Identifier.numeric(STREAM), Identifier.numeric(BALANCED), 1).encode(request);
        byte[] payload = ByteBufUtil.getBytes(request);
        request.release();
        try (RawConnection raw = new RawConnection(server.tcpAddress())) {
            assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            assertEquals(0, raw.call(CommandCode.DELETE_CONSUMER_OFFSET, payload).status());
            assertEquals(Optional.empty(), client.consumerOffsets().getConsumerOffset(s, t, Optional.of(1L), consumer));
            assertEquals(ErrorCode.CONSUMER_OFFSET_NOT_FOUND.code(),
                    raw.call(CommandCode.DELETE_CONSUMER_OFFSET, payload).status());
        }
    }
}
