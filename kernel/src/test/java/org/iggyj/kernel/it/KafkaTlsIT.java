package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SslConfigs;
import org.iggyj.spi.test.TlsFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka listener with {@code [kafka.tls]} on (a self-signed certificate the kernel writes, which the
 * clients trust as a PEM trust store) and an anonymous user configured: SASL_SSL clients log in as
 * themselves, SSL clients without SASL act as the anonymous user.
 */
@Timeout(120)
class KafkaTlsIT {

    @RegisterExtension
    static final TestServers servers = new TestServers();
    @TempDir
    static Path certDir;

    private static TestServer server;
    private static TlsFixture tls;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsFixture(certDir);
        Map<String, String> env = tls.serverEnv("kafka");
        env.put("IGGY_KAFKA_ANONYMOUS_USERNAME", TestServer.ROOT_USERNAME);
        env.put("IGGY_KAFKA_ANONYMOUS_PASSWORD", TestServer.ROOT_PASSWORD);
        server = servers.start(env);
        assertTrue(Files.exists(tls.certFile()));
    }

    private static Properties tls(Properties base, String protocol) {
        base.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        base.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        base.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.certFile().toString());
        return base;
    }

    private static Properties anonymous() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + server.kafkaAddress().getPort());
        return tls(p, "SSL");
    }

    @Test
    void shouldProduceAndConsumeOverTlsWithSaslAndAsTheAnonymousUser() throws Exception {
        try (Admin admin = Admin.create(tls(KafkaClients.root(server), "SASL_SSL"))) {
            admin.createTopics(List.of(new NewTopic("secure", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(anonymous()))) {
            producer.send(new ProducerRecord<>("secure", "k", "over tls")).get();
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Properties consumerProps = KafkaClients.consumer(tls(KafkaClients.root(server), "SASL_SSL"), null);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            TopicPartition tp = new TopicPartition("secure", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertEquals(1, records.size());
        assertEquals("k", records.get(0).key());
        assertEquals("over tls", records.get(0).value());
    }
}
