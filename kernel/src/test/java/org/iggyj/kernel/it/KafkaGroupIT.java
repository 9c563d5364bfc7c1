package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scenario: a KafkaProducer with default settings (idempotent, acks=all; only the delivery
 * timeout is longer) sends keyed records with headers to a 3-partition topic; two KafkaConsumers of one
 * group consume every record exactly once, in per-partition order, with keys, headers and timestamps
 * intact; then one leaves and the other takes over its partitions from the committed offsets, losing and
 * repeating nothing; the admin client then lists and describes the group and reads its committed offsets.
 */
// The bounds reflect machine speed only (2 cores under load 20-45 while other builds run); every wait
// ends as soon as its condition holds.
@Timeout(420)
class KafkaGroupIT {

    private static final String TOPIC = "orders";
    private static final String GROUP = "order-readers";
    private static final int RECORDS = 100_000;
    private static final int AFTER_LEAVE = 2_000;
    private static final int KEYS = 97;
    /** Send to acknowledgement: the default, 120 s, reflects machine speed only and was reached under load. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(300);

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        try (Admin admin = Admin.create(KafkaClients.root(server))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    /** A group member polling on its own thread, committing after every non-empty poll. */
    private static final class Member implements Runnable {
        final ConcurrentLinkedQueue<ConsumerRecord<String, String>> received = new ConcurrentLinkedQueue<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        volatile int assigned;
        volatile boolean stop;
        volatile Throwable failure;

        @Override
        public void run() {
            var props = KafkaClients.consumer(KafkaClients.root(server), GROUP);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(TOPIC));
                while (!stop) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    records.forEach(received::add);
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                    assigned = consumer.assignment().size();
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                stopped.countDown();
            }
        }
    }

    @Test
    void shouldConsumeEveryRecordOnceInOrderAndHandOverOnLeave() throws Exception {
        Member a = new Member();
        Member b = new Member();
        Thread ta = new Thread(a, "kafka-member-a");
        Thread tb = new Thread(b, "kafka-member-b");
        ta.start();
        tb.start();
        try {
            awaitTrue(() -> a.assigned > 0 && b.assigned > 0 && a.assigned + b.assigned == 3, Duration.ofSeconds(60),
                    "both members assigned");
            long started = System.nanoTime();
            long[] timestamps = produce(0, RECORDS);
            long produced = System.nanoTime();
            awaitTrue(() -> a.received.size() + b.received.size() >= RECORDS, Duration.ofSeconds(240),
                    "all records consumed");
            System.out.printf("KafkaGroupIT: %d records produced in %d ms, all consumed %d ms after the start%n",
                    RECORDS, TimeUnit.NANOSECONDS.toMillis(produced - started),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            List<ConsumerRecord<String, String>> all = new ArrayList<>(a.received);
            all.addAll(b.received);
            assertExactlyOnceInOrder(all, 0, RECORDS, timestamps);

            int bBefore = b.received.size();
            a.stop = true;
            assertTrue(a.stopped.await(30, TimeUnit.SECONDS));
            assertEquals(null, a.failure);
            long[] later = produce(RECORDS, AFTER_LEAVE);
            awaitTrue(() -> b.received.size() - bBefore >= AFTER_LEAVE, Duration.ofSeconds(90),
                    "the remaining member consumed what was produced after the other left");
            List<ConsumerRecord<String, String>> taken = new ArrayList<>(b.received).subList(bBefore,
                    b.received.size());
            assertExactlyOnceInOrder(taken, RECORDS, AFTER_LEAVE, later);
            assertEquals(3, b.assigned);
            assertGroupVisibleToTheAdminClient();
        } finally {
            a.stop = true;
            b.stop = true;
            ta.join(30_000);
            tb.join(30_000);
        }
        assertEquals(null, b.failure);
    }

    /** ListGroups, DescribeGroups and OffsetFetch as the admin client uses them. */
    private static void assertGroupVisibleToTheAdminClient() throws Exception {
        try (Admin admin = Admin.create(KafkaClients.root(server))) {
            assertTrue(admin.listConsumerGroups().all().get().stream().anyMatch(g -> g.groupId().equals(GROUP)));
            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            assertEquals(GroupState.STABLE, described.groupState());
            assertEquals(1, described.members().size());
            assertEquals(3, described.members().iterator().next().assignment().topicPartitions().size());
            // The last commit follows the last poll; wait for it to land.
            awaitTrue(() -> committedTotal(admin) == RECORDS + AFTER_LEAVE, Duration.ofSeconds(30),
                    "committed offsets cover every record");
        }
    }

    private static long committedTotal(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends records first..first+count-1 with default producer settings; returns their timestamps by index. */
    private static long[] produce(int first, int count) throws Exception {
        long[] timestamps = new long[count];
        var props = KafkaClients.producer(KafkaClients.root(server));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(count);
            for (int i = first; i < first + count; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "key-" + (i % KEYS), "value-" + i);
                record.headers().add("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                record.headers().add("source", "kafka-it".getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            for (int i = 0; i < count; i++) {
                // the producer fails a send at its delivery timeout; this bound only keeps a hang finite
                timestamps[i] = sent.get(i).get(DELIVERY_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS).timestamp();
            }
        }
        return timestamps;
    }

    private static void assertExactlyOnceInOrder(List<ConsumerRecord<String, String>> records, int first, int count,
                                                 long[] timestamps) {
        assertEquals(count, records.size(), "records received");
        boolean[] seen = new boolean[count];
        Map<Integer, Integer> lastSeqByPartition = new HashMap<>();
        Map<Integer, Long> lastOffsetByPartition = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            int seq = Integer.parseInt(new String(r.headers().lastHeader("seq").value(), StandardCharsets.UTF_8));
            int index = seq - first;
            assertTrue(index >= 0 && index < count, "unexpected record " + seq);
            assertTrue(!seen[index], "record " + seq + " delivered twice");
            seen[index] = true;
            assertEquals("value-" + seq, r.value());
            assertEquals("key-" + (seq % KEYS), r.key());
            assertEquals("kafka-it", new String(r.headers().lastHeader("source").value(), StandardCharsets.UTF_8));
            assertEquals(timestamps[index], r.timestamp(), "timestamp of record " + seq);
            Integer previousSeq = lastSeqByPartition.put(r.partition(), seq);
            Long previousOffset = lastOffsetByPartition.put(r.partition(), r.offset());
            if (previousSeq != null) {
                assertTrue(seq > previousSeq && r.offset() > previousOffset, "order in partition " + r.partition());
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
