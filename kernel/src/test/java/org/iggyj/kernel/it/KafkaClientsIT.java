package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unmodified kafka-clients 4.x against the Kafka plugin of a real server: the admin client manages
 * topics, and one log serves both protocols (records produced through Kafka are polled with the
 * official Iggy SDK, and messages sent with the SDK are consumed through Kafka).
 */
@Timeout(120)
class KafkaClientsIT {

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyTcpClient iggy;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        iggy = servers.closedWithServers(server.loggedInClient());
        admin = Admin.create(KafkaClients.root(server));
        servers.closedWithServers(() -> admin.close(Duration.ofSeconds(5)));
    }

    @Test
    void shouldCreateListDescribeAndDeleteTopicsWithTheAdminClient() throws Exception {
        admin.createTopics(List.of(new NewTopic("admin-a", 2, (short) 1), new NewTopic("admin-b", 1, (short) 1)))
                .all().get();
        Set<String> names = admin.listTopics().names().get();
        assertTrue(names.containsAll(Set.of("admin-a", "admin-b")), names.toString());
        assertEquals(2, admin.describeTopics(List.of("admin-a")).allTopicNames().get().get("admin-a")
                .partitions().size());
        ExecutionException twice = assertThrows(ExecutionException.class,
                () -> admin.createTopics(List.of(new NewTopic("admin-a", 2, (short) 1))).all().get());
        assertInstanceOf(TopicExistsException.class, twice.getCause());

        admin.deleteTopics(List.of("admin-b")).all().get();
        assertFalse(admin.listTopics().names().get().contains("admin-b"));
        // The same topics, seen as Iggy topics of the "kafka" stream.
        assertEquals(2L, iggy.topics().getTopic(StreamId.of("kafka"), TopicId.of("admin-a")).orElseThrow()
                .partitionsCount());
        assertTrue(iggy.topics().getTopic(StreamId.of("kafka"), TopicId.of("admin-b")).isEmpty());
    }

    @Test
    void shouldLetTheIggySdkPollKafkaRecordsAndKafkaConsumeIggyMessages() throws Exception {
        admin.createTopics(List.of(new NewTopic("bridge", 1, (short) 1))).all().get();
        List<Long> timestamps = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(KafkaClients.producer(KafkaClients.root(server)))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>("bridge", "k" + i, "kafka-" + i);
                record.headers().add("h", ("x" + i).getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata metadata = sent.get(i).get();
                timestamps.add(metadata.timestamp());
                assertEquals(i, metadata.offset(), "Produce answers the offset the kernel stored the record at");
            }
        }

        PolledMessages polled = iggy.messages().pollMessages(StreamId.of("kafka"), TopicId.of("bridge"),
                Optional.of(0L), Consumer.of(1L), PollingStrategy.offset(BigInteger.ZERO), 10L, false);
        assertEquals(5, polled.messages().size());
        for (int i = 0; i < 5; i++) {
            Message m = polled.messages().get(i);
            assertEquals("kafka-" + i, new String(m.payload(), StandardCharsets.UTF_8));
            assertArrayEquals(("k" + i).getBytes(StandardCharsets.UTF_8),
                    m.userHeaders().get(HeaderKey.fromString("kafka.key")).asRaw());
            assertArrayEquals(("x" + i).getBytes(StandardCharsets.UTF_8),
                    m.userHeaders().get(HeaderKey.fromString("h")).asRaw());
            assertEquals(BigInteger.valueOf(timestamps.get(i) * 1000), m.header().originTimestamp());
        }

        for (int i = 0; i < 3; i++) {
            Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
            headers.put(HeaderKey.fromString("trace"), HeaderValue.fromString("t" + i));
            iggy.messages().sendMessages(StreamId.of("kafka"), TopicId.of("bridge"), Partitioning.partitionId(0L),
                    List.of(Message.of("iggy-" + i, headers)));
        }
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(KafkaClients.producer(KafkaClients.root(server)))) {
            // Offsets continue after the Iggy SDK's messages: the producer is told the kernel's offsets.
            assertEquals(8, producer.send(new ProducerRecord<>("bridge", "after-iggy")).get().offset());
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(KafkaClients.consumer(KafkaClients.root(server), null))) {
            TopicPartition tp = new TopicPartition("bridge", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < 9 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertEquals(9, records.size());
        assertEquals(8, records.get(8).offset());
        assertEquals("after-iggy", records.get(8).value());
        for (int i = 0; i < 5; i++) {
            ConsumerRecord<String, String> r = records.get(i);
            assertEquals(i, r.offset());
            assertEquals("k" + i, r.key());
            assertEquals("kafka-" + i, r.value());
            assertEquals((long) timestamps.get(i), r.timestamp());
            assertArrayEquals(("x" + i).getBytes(StandardCharsets.UTF_8), r.headers().lastHeader("h").value());
        }
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<String, String> r = records.get(5 + i);
            assertEquals(5 + i, r.offset());
            assertNull(r.key());
            assertEquals("iggy-" + i, r.value());
            assertEquals("t" + i, new String(r.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
        }
    }
}
