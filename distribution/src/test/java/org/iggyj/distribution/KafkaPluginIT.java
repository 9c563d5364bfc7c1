package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka transport as shipped: its plugin zip (kafka-clients and the compression libraries in its
 * own {@code lib/}) loads under PF4J from {@code plugins/} in the default {@code full} profile, answers a
 * Kafka ApiVersions request and takes batches in every codec (the zstd-jni and snappy natives load
 * through the plugin's class loader); the {@code minimal} profile leaves it off; without the zip the
 * distribution still serves TCP.
 */
@Timeout(180)
class KafkaPluginIT {

    private static final int API_VERSIONS = 18;

    @TempDir
    Path tempDir;

    @Test
    void shouldAnswerKafkaApiVersionsFromTheShippedPluginZip() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.start();
            assertTrue(server.await(() -> DistributionProcess.accepts(kafkaPort), DistributionProcess.STARTUP),
                    () -> "Kafka did not come up; log:\n" + server.logOrError());
            assertEquals(0, apiVersionsErrorCode(kafkaPort));
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(30)), server::logOrError);
        }
    }

    @Test
    void shouldTakeBatchesInEveryCompressionCodecWithThePluginsOwnLibraries() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.putEnv("IGGY_KAFKA_ANONYMOUS_USERNAME", "iggy");
            server.putEnv("IGGY_KAFKA_ANONYMOUS_PASSWORD", "iggy");
            server.start();
            assertTrue(server.await(() -> DistributionProcess.accepts(kafkaPort), DistributionProcess.STARTUP),
                    server::logOrError);
            Properties common = new Properties();
            common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
            try (Admin admin = Admin.create(common)) {
                admin.createTopics(List.of(new NewTopic("codecs", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            List<String> codecs = List.of("zstd", "snappy", "lz4", "gzip");
            for (String codec : codecs) {
                Properties p = new Properties();
                p.putAll(common);
                p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
                p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                    producer.send(new ProducerRecord<>("codecs", codec, codec + " " + "x".repeat(2000)))
                            .get(60, TimeUnit.SECONDS);
                }
            }
            Properties c = new Properties();
            c.putAll(common);
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            List<String> keys = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
                consumer.assign(List.of(new TopicPartition("codecs", 0)));
                consumer.seekToBeginning(List.of(new TopicPartition("codecs", 0)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (keys.size() < codecs.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                        assertEquals(r.key() + " " + "x".repeat(2000), r.value());
                        keys.add(r.key());
                    }
                }
            }
            assertEquals(codecs, keys, server::logOrError);
            String log = server.log();
            assertFalse(log.contains("UnsatisfiedLinkError") || log.contains("NoClassDefFoundError"), log);
        }
    }

    @Test
    void shouldLeaveKafkaOffInTheMinimalProfile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.start("--profile", "minimal");
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP), server::logOrError);
            assertFalse(DistributionProcess.accepts(kafkaPort), "the minimal profile does not start the Kafka plugin");
        }
    }

    @Test
    void shouldServeTcpWithoutTheKafkaPluginZip() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-kafka"));
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP),
                    () -> "TCP did not come up without the Kafka plugin; log:\n" + server.logOrError());
            assertTrue(server.await(server::httpAccepts, Duration.ofSeconds(30)), server::logOrError);
            assertTrue(server.isAlive());
            assertFalse(DistributionProcess.accepts(kafkaPort),
                    "nothing may listen on the Kafka port without the plugin");
        }
    }

    /**
     * Sends ApiVersions v0 (size, api key 18, version 0, correlation id 7, null client id) and reads the
     * error code of the answer (size, correlation id, error code): enough to see the Kafka protocol is
     * served without putting kafka-clients on this module's class path.
     */
    private static int apiVersionsErrorCode(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(10);
            out.writeShort(API_VERSIONS);
            out.writeShort(0);
            out.writeInt(7);
            out.writeShort(-1);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            assertTrue(size >= 6, "response size " + size);
            assertEquals(7, in.readInt(), "correlation id");
            return in.readShort();
        }
    }
}
