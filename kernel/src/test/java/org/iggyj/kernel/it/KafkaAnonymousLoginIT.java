package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anonymous mapping's credentials are checked by the kernel's login even though later connections
 * reuse a verification: with a wrong {@code anonymous_password} no connection gets past its first
 * request, however many try, and with the right one several connections in a row all get in.
 */
@Timeout(180)
class KafkaAnonymousLoginIT {

    @TempDir
    Path dataDir;

    private static Properties plain(TestServer server) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + server.kafkaAddress().getPort());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        return p;
    }

    @Test
    void shouldRefuseEveryConnectionWhenTheAnonymousPasswordIsWrong() throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of(
                "IGGY_KAFKA_ANONYMOUS_USERNAME", TestServer.ROOT_USERNAME,
                "IGGY_KAFKA_ANONYMOUS_PASSWORD", "not-the-password"))) {
            for (int i = 0; i < 2; i++) {
                try (Admin admin = Admin.create(plain(server))) {
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> admin.listTopics().names().get());
                    assertInstanceOf(TimeoutException.class, e.getCause());
                }
            }
        }
    }

    @Test
    void shouldLetConnectionsInOneAfterAnotherWithTheRightPassword() throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of(
                "IGGY_KAFKA_ANONYMOUS_USERNAME", TestServer.ROOT_USERNAME,
                "IGGY_KAFKA_ANONYMOUS_PASSWORD", TestServer.ROOT_PASSWORD))) {
            for (int i = 0; i < 3; i++) {
                Properties p = plain(server);
                p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
                p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
                try (Admin admin = Admin.create(p)) {
                    // Fails (a closed connection, then a timeout) unless this connection got logged in.
                    assertEquals(1, admin.describeCluster().nodes().get().size());
                }
            }
        }
    }
}
