package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka transport as shipped: its shaded jar (kafka-clients inside) loads under PF4J from
 * {@code plugins/} in the default {@code full} profile and answers a Kafka ApiVersions request; the
 * {@code minimal} profile leaves it off; without the jar the distribution still serves TCP.
 */
@Timeout(180)
class KafkaPluginIT {

    private static final int API_VERSIONS = 18;

    @TempDir
    Path tempDir;

    @Test
    void shouldAnswerKafkaApiVersionsFromTheShippedPluginJar() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.start();
            assertTrue(server.await(() -> accepts(kafkaPort), Duration.ofSeconds(60)),
                    () -> "Kafka did not come up; log:\n" + log(server));
            assertEquals(0, apiVersionsErrorCode(kafkaPort));
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(30)), () -> log(server));
        }
    }

    @Test
    void shouldLeaveKafkaOffInTheMinimalProfile() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.start("--profile", "minimal");
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(60)), () -> log(server));
            assertFalse(accepts(kafkaPort), "the minimal profile does not start the Kafka plugin");
        }
    }

    @Test
    void shouldServeTcpWithoutTheKafkaPluginJar() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-kafka"));
            int kafkaPort = DistributionProcess.freePort();
            server.putEnv("IGGY_KAFKA_ADDRESS", "127.0.0.1:" + kafkaPort);
            server.start();
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(60)),
                    () -> "TCP did not come up without the Kafka plugin; log:\n" + log(server));
            assertTrue(server.await(server::httpAccepts, Duration.ofSeconds(30)), () -> log(server));
            assertTrue(server.isAlive());
            assertFalse(accepts(kafkaPort), "nothing may listen on the Kafka port without the plugin");
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

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String log(DistributionProcess server) {
        try {
            return server.log();
        } catch (IOException e) {
            return "<log unreadable: " + e + ">";
        }
    }
}
