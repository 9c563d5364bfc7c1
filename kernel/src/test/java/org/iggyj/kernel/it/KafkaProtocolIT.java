package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.UserStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka listener at the protocol level: Fetch's long poll (an idle fetch lasts fetch.max.wait.ms,
 * a blocked one wakes when a record lands), SASL/PLAIN against Iggy users, Iggy permissions surfacing
 * as Kafka authorization errors, and bad frames costing only their own connection.
 */
@Timeout(120)
class KafkaProtocolIT {

    private static final short FETCH_VERSION = 12;

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyTcpClient iggy;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        iggy = servers.closedWithServers(server.loggedInClient());
        try (Admin admin = Admin.create(KafkaClients.root(server))) {
            admin.createTopics(List.of(new NewTopic("idle", 1, (short) 1), new NewTopic("wake", 1, (short) 1),
                    new NewTopic("guarded", 1, (short) 1))).all().get();
        }
    }

    private static RawKafka rootConnection() throws Exception {
        RawKafka raw = new RawKafka(server.kafkaAddress());
        assertEquals(Errors.NONE.code(), raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD));
        return raw;
    }

    private static FetchRequestData fetch(String topic, long offset, int maxWaitMs) {
        return new FetchRequestData().setReplicaId(-1).setMaxWaitMs(maxWaitMs).setMinBytes(1).setMaxBytes(1 << 20)
                .setIsolationLevel((byte) 0).setSessionId(0).setSessionEpoch(-1)
                .setTopics(List.of(new FetchTopic().setTopic(topic).setPartitions(List.of(new FetchPartition()
                        .setPartition(0).setFetchOffset(offset).setPartitionMaxBytes(1 << 20).setLogStartOffset(-1)
                        .setCurrentLeaderEpoch(-1)))))
                .setForgottenTopicsData(List.of()).setRackId("");
    }

    private static FetchRequestData fetch(String topic, long offset, int maxWaitMs, int partitionMaxBytes) {
        FetchRequestData request = fetch(topic, offset, maxWaitMs);
        request.topics().get(0).partitions().get(0).setPartitionMaxBytes(partitionMaxBytes);
        return request;
    }

    private static List<String> values(FetchResponseData response) {
        List<String> values = new ArrayList<>();
        ((MemoryRecords) response.responses().get(0).partitions().get(0).records()).records()
                .forEach(r -> values.add(r.offset() + ":" + StandardCharsets.UTF_8.decode(r.value())));
        return values;
    }

    private static void send(String topic, String prefix, int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.of(prefix + i));
        }
        iggy.messages().sendMessages(StreamId.of("kafka"), TopicId.of(topic), Partitioning.partitionId(0L), messages);
    }

    private static FetchResponseData.PartitionData fetchedPartition(RawKafka raw, String topic, long offset)
            throws Exception {
        FetchResponseData response = raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch(topic, offset, 0));
        return response.responses().get(0).partitions().get(0);
    }

    private static int recordCount(FetchResponseData response) {
        int[] count = {0};
        ((MemoryRecords) response.responses().get(0).partitions().get(0).records()).records()
                .forEach(r -> count[0]++);
        return count[0];
    }

    @Test
    void shouldAnswerAnIdleFetchAfterFetchMaxWait() throws Exception {
        try (RawKafka raw = rootConnection()) {
            long started = System.nanoTime();
            FetchResponseData response = raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("idle", 0, 400));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            var partition = response.responses().get(0).partitions().get(0);
            assertEquals(Errors.NONE.code(), partition.errorCode());
            assertEquals(0, partition.highWatermark());
            assertEquals(0, recordCount(response));
            assertTrue(waitedMs >= 350, "an idle fetch waits fetch.max.wait.ms, waited " + waitedMs + " ms");
        }
    }

    @Test
    void shouldWakeABlockedFetchAsSoonAsARecordArrives() throws Exception {
        try (RawKafka raw = rootConnection()) {
            CompletableFuture<FetchResponseData> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("wake", 0, 60_000));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            long sentAt = System.nanoTime();
            iggy.messages().sendMessages(StreamId.of("kafka"), TopicId.of("wake"), Partitioning.partitionId(0L),
                    List.of(Message.of("wake up")));
            FetchResponseData response = blocked.get(30, TimeUnit.SECONDS);
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            System.out.println("KafkaProtocolIT: long-poll wake-up latency " + latencyMs + " ms");
            assertEquals(1, recordCount(response));
            assertEquals(1, response.responses().get(0).partitions().get(0).highWatermark());
            // Far below the 60 s fetch.max.wait.ms: the append ended the wait, not the timeout.
            assertTrue(latencyMs < 15_000, "woken after " + latencyMs + " ms");
        }
    }

    @Test
    void shouldHoldAFetchBelowFetchMinBytesUntilFetchMaxWait() throws Exception {
        try (Admin admin = Admin.create(KafkaClients.root(server)); RawKafka raw = rootConnection()) {
            admin.createTopics(List.of(new NewTopic("few", 1, (short) 1))).all().get();
            send("few", "f-", 3);
            FetchRequestData request = fetch("few", 0, 400).setMinBytes(1 << 20);
            long started = System.nanoTime();
            FetchResponseData response = raw.call(ApiKeys.FETCH, FETCH_VERSION, request);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // Fewer bytes than fetch.min.bytes: the fetch waits for more, then answers with what there is.
            assertEquals(List.of("0:f-0", "1:f-1", "2:f-2"), values(response));
            assertTrue(waitedMs >= 350, "held until fetch.max.wait.ms, waited " + waitedMs + " ms");
        }
    }

    @Test
    void shouldAnswerEachFetchOffsetWithTheEndOffsetOrOffsetOutOfRange() throws Exception {
        try (Admin admin = Admin.create(KafkaClients.root(server)); RawKafka raw = rootConnection()) {
            admin.createTopics(List.of(new NewTopic("ends", 1, (short) 1), new NewTopic("single", 1, (short) 1)))
                    .all().get();
            send("ends", "e-", 5);
            send("single", "s-", 1);
            // Inside the log: records, and the partition's end as the high watermark (from the poll itself).
            FetchResponseData inside = raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("ends", 3, 0));
            assertEquals(List.of("3:e-3", "4:e-4"), values(inside));
            assertEquals(5, inside.responses().get(0).partitions().get(0).highWatermark());
            // At the end: no records, no error; past it or negative: OFFSET_OUT_OF_RANGE, as a broker answers.
            for (long offset : new long[] {5, 6, 1000, -1}) {
                var p = fetchedPartition(raw, "ends", offset);
                assertEquals(offset == 5 ? Errors.NONE.code() : Errors.OFFSET_OUT_OF_RANGE.code(), p.errorCode(),
                        "fetch offset " + offset);
                assertEquals(5, p.highWatermark(), "fetch offset " + offset);
            }
            // One record at offset 0: its end (1) is not an empty partition's (0), though both say last offset 0.
            var single = fetchedPartition(raw, "single", 1);
            assertEquals(Errors.NONE.code(), single.errorCode());
            assertEquals(1, single.highWatermark());
            var empty = fetchedPartition(raw, "idle", 1);
            assertEquals(Errors.OFFSET_OUT_OF_RANGE.code(), empty.errorCode());
            assertEquals(0, empty.highWatermark());
            var missing = fetchedPartition(raw, "no-such-topic", 0);
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), missing.errorCode());
        }
    }

    @Test
    void shouldFillEachFetchUpToPartitionMaxBytesCountedInKafkaBytes() throws Exception {
        // A broker sends up to partition_max_bytes of its log; the plugin counts the Kafka records it sends
        // (not the larger Iggy frames they come from), so each answer is as full as the limit allows, the
        // first (a guess of the record size) and the later ones (the size seen) alike.
        int maxBytes = 64 * 1024;
        try (Admin admin = Admin.create(KafkaClients.root(server)); RawKafka raw = rootConnection()) {
            admin.createTopics(List.of(new NewTopic("full", 1, (short) 1))).all().get();
            String value = "v".repeat(1024);
            send("full", value, 300);
            long offset = 0;
            int fetches = 0;
            while (offset < 300) {
                FetchResponseData response = raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("full", offset, 0, maxBytes));
                MemoryRecords records = (MemoryRecords) response.responses().get(0).partitions().get(0).records();
                List<Record> back = new ArrayList<>();
                records.records().forEach(back::add);
                assertTrue(records.sizeInBytes() <= maxBytes, records.sizeInBytes() + " bytes");
                for (int i = 0; i < back.size(); i++) {
                    assertEquals(offset + i, back.get(i).offset());
                }
                offset += back.size();
                fetches++;
                if (offset < 300) {
                    assertTrue(records.sizeInBytes() + back.get(0).sizeInBytes() > maxBytes,
                            "fetch " + fetches + ": " + back.size() + " records, " + records.sizeInBytes() + " bytes");
                }
            }
            assertEquals(5, fetches);
        }
    }

    @Test
    void shouldStoreProduceRequestsOfSeveralReadsByteForByte() throws Exception {
        // Batches of a megabyte reach the plain listener in several socket reads, which land straight in
        // the request's buffer (RoomReads); every value must come back as it was sent, in order.
        Random random = new Random(7);
        List<String> sent = new ArrayList<>();
        Properties props = KafkaClients.producer(KafkaClients.root(server));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        try (Admin admin = Admin.create(KafkaClients.root(server)); RawKafka raw = rootConnection();
             KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            admin.createTopics(List.of(new NewTopic("reads", 1, (short) 1))).all().get();
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String value = randomText(random, 1 + random.nextInt(150_000));
                sent.add(i + ":" + value);
                acks.add(producer.send(new ProducerRecord<>("reads", value)));
            }
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            List<String> back = new ArrayList<>();
            while (back.size() < sent.size()) {
                List<String> fetched = values(raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("reads", back.size(), 0)));
                assertTrue(!fetched.isEmpty(), "nothing fetched at offset " + back.size());
                back.addAll(fetched);
            }
            assertEquals(sent, back);
        }
    }

    private static String randomText(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    @Test
    void shouldServeConsecutiveSmallFetchesInOrderAndTheNewDataOfARecreatedTopic() throws Exception {
        try (Admin admin = Admin.create(KafkaClients.root(server)); RawKafka raw = rootConnection()) {
            admin.createTopics(List.of(new NewTopic("ahead", 1, (short) 1))).all().get();
            send("ahead", "old-", 40);
            // Small fetches: each answer leaves more to read; the high watermark is the partition's end each time.
            List<String> read = new ArrayList<>();
            while (read.size() < 20) {
                FetchResponseData response = raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("ahead", read.size(), 100, 300));
                assertEquals(40, response.responses().get(0).partitions().get(0).highWatermark());
                read.addAll(values(response));
            }
            for (int i = 0; i < read.size(); i++) {
                assertEquals(i + ":old-" + i, read.get(i));
            }
            // The topic is replaced between two fetches: the next answer is the new topic's data.
            admin.deleteTopics(List.of("ahead")).all().get();
            admin.createTopics(List.of(new NewTopic("ahead", 1, (short) 1))).all().get();
            send("ahead", "new-", 40);
            long next = read.size();
            List<String> after = values(raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("ahead", next, 100, 300)));
            assertTrue(!after.isEmpty(), "records after the re-creation");
            assertEquals(next + ":new-" + next, after.get(0));
            for (long offset = next + after.size(); offset < 40; offset += after.size()) {
                after = values(raw.call(ApiKeys.FETCH, FETCH_VERSION, fetch("ahead", offset, 100, 1 << 20)));
                assertEquals(offset + ":new-" + offset, after.get(0));
            }
        }
    }

    @Test
    void shouldAuthenticateWithIggyCredentialsAndRefuseBadOnes() throws Exception {
        try (RawKafka raw = new RawKafka(server.kafkaAddress())) {
            assertEquals(Errors.SASL_AUTHENTICATION_FAILED.code(), raw.login(TestServer.ROOT_USERNAME, "wrong"));
        }
        try (RawKafka raw = rootConnection()) {
            ApiVersionsResponseData versions = raw.call(ApiKeys.API_VERSIONS, (short) 3,
                    new ApiVersionsRequestData().setClientSoftwareName("raw").setClientSoftwareVersion("1"));
            assertEquals(Errors.NONE.code(), versions.errorCode());
            assertTrue(versions.apiKeys().find(ApiKeys.FETCH.id).maxVersion() >= FETCH_VERSION);
        }
        Properties bad = KafkaClients.common(server, TestServer.ROOT_USERNAME, "wrong");
        bad.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        bad.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(bad)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.listTopics().names().get());
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void shouldCloseAnUnauthenticatedConnectionThatSkipsSasl() throws Exception {
        try (RawKafka raw = new RawKafka(server.kafkaAddress())) {
            RequestHeader header = new RequestHeader(ApiKeys.METADATA, (short) 12, "raw", 1);
            ByteBuffer bytes = RequestUtils.serialize(header.data(), header.headerVersion(),
                    new MetadataRequestData().setTopics(null), (short) 12);
            raw.frame(bytes.array(), 0, bytes.remaining());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void shouldAnswerTopicAuthorizationFailedToAUserWithoutSendPermission() throws Exception {
        Permissions readOnly = new Permissions(new GlobalPermissions(false, false, false, false, false, true,
                false, true, true, false), Map.of());
        iggy.users().createUser("kafka-reader", "reader-pw", UserStatus.Active, Optional.of(readOnly));
        Properties props = KafkaClients.producer(KafkaClients.common(server, "kafka-reader", "reader-pw"));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("guarded", "k", "v")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
        assertEquals(0L, iggy.topics().getTopic(StreamId.of("kafka"), TopicId.of("guarded")).orElseThrow()
                .messagesCount().longValue());
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSentABadFrame() throws Exception {
        try (RawKafka healthy = rootConnection()) {
            try (RawKafka garbage = new RawKafka(server.kafkaAddress())) {
                byte[] junk = {0x7f, 0x7f, 0, 1, 0, 0, 0, 7, 1, 2, 3};
                garbage.frame(junk, 0, junk.length);
                assertTrue(garbage.closedByServer(), "unknown API key");
            }
            try (RawKafka truncated = new RawKafka(server.kafkaAddress())) {
                RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "raw", 1);
                ByteBuffer bytes = RequestUtils.serialize(header.data(), header.headerVersion(),
                        new ApiVersionsRequestData().setClientSoftwareName("raw").setClientSoftwareVersion("1"),
                        (short) 3);
                truncated.frame(bytes.array(), 0, bytes.remaining() - 3);
                assertTrue(truncated.closedByServer(), "truncated request body");
            }
            try (RawKafka oversized = new RawKafka(server.kafkaAddress())) {
                oversized.raw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0});
                assertTrue(oversized.closedByServer(), "frame over max_request_size");
            }
            ApiVersionsResponseData versions = healthy.call(ApiKeys.API_VERSIONS, (short) 3,
                    new ApiVersionsRequestData().setClientSoftwareName("raw").setClientSoftwareVersion("1"));
            assertEquals(Errors.NONE.code(), versions.errorCode());
        }
    }
}
