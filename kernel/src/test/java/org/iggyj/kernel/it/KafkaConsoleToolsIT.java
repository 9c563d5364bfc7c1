package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsoleProducer;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka's own command-line tools, unchanged, against the Kafka plugin of a real server: {@code kafka-topics}
 * creates, lists and describes a topic (DescribeConfigs), the console producer writes keyed records
 * from standard input, the console consumer reads them back in a group, and {@code kafka-consumer-groups}
 * lists the group and shows its committed offsets. The tools run in-process (their {@code main}, with
 * standard input and output redirected and Kafka's {@code Exit} hook recording the status), with
 * SASL/PLAIN as the root user from a {@code --command-config} file.
 */
@Timeout(300)
class KafkaConsoleToolsIT {

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyTcpClient iggy;
    private static Path clientConfig;
    private static String bootstrap;

    /** A tool's {@code main}. */
    @FunctionalInterface
    private interface ToolMain {
        void run(String[] args) throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        iggy = servers.closedWithServers(server.loggedInClient());
        bootstrap = "127.0.0.1:" + server.kafkaAddress().getPort();
        Properties sasl = KafkaClients.root(server);
        sasl.remove("bootstrap.servers");
        clientConfig = servers.dataDir().resolve("client.properties");
        try (OutputStream out = Files.newOutputStream(clientConfig)) {
            sasl.store(out, "SASL/PLAIN as root");
        }
    }

    /** Runs a tool's main with {@code stdin} as standard input; returns what it printed on standard output. */
    private static synchronized String run(String stdin, ToolMain main, String... args) throws Exception {
        PrintStream out = System.out;
        InputStream in = System.in;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        // Tools end with Exit.exit, sometimes from inside their own error handling: the statuses are
        // recorded instead of ending the JVM, and must all be 0.
        List<Integer> exits = new ArrayList<>();
        Exit.setExitProcedure((status, message) -> exits.add(status));
        Exit.setHaltProcedure((status, message) -> exits.add(status));
        // Shutdown hooks (the console producer closes, so flushes, its producer in one) run when the tool
        // is done, as they would when its JVM exits.
        List<Runnable> hooks = new ArrayList<>();
        Exit.setShutdownHookAdder((name, hook) -> hooks.add(hook));
        try {
            main.run(args);
            hooks.forEach(Runnable::run);
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
            Exit.resetShutdownHookAdder();
            System.setOut(out);
            System.setIn(in);
        }
        assertTrue(exits.stream().allMatch(status -> status == 0),
                "exit statuses " + exits + "; printed: " + printed.toString(StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String topics(String... args) throws Exception {
        return run("", TopicCommand::main, concat(args));
    }

    private static String[] concat(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--bootstrap-server";
        all[1] = bootstrap;
        all[2] = "--command-config";
        all[3] = clientConfig.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return all;
    }

    @Test
    void shouldServeKafkasConsoleTools() throws Exception {
        String created = topics("--create", "--topic", "console", "--partitions", "2", "--replication-factor", "1");
        assertTrue(created.contains("Created topic console."), created);
        assertTrue(topics("--list").lines().anyMatch("console"::equals));
        String described = topics("--describe", "--topic", "console");
        assertTrue(described.contains("PartitionCount: 2"), described);
        assertTrue(described.contains("Partition: 1"), described);

        run("k1:v1\nk2:v2\nk3:v3\n", ConsoleProducer::main, concat("--topic", "console",
                "--reader-property", "parse.key=true", "--reader-property", "key.separator=:"));
        PolledMessages stored = iggy.messages().pollMessages(StreamId.of("kafka"), TopicId.of("console"),
                Optional.of(0L), org.apache.iggy.consumergroup.Consumer.of(1L),
                PollingStrategy.offset(BigInteger.ZERO), 10L, false);
        PolledMessages storedToo = iggy.messages().pollMessages(StreamId.of("kafka"), TopicId.of("console"),
                Optional.of(1L), org.apache.iggy.consumergroup.Consumer.of(1L),
                PollingStrategy.offset(BigInteger.ZERO), 10L, false);
        assertEquals(3, stored.messages().size() + storedToo.messages().size(), "records stored as Iggy messages");

        String consumed = run("", ConsoleConsumer::main, concat("--topic", "console", "--from-beginning",
                "--max-messages", "3", "--timeout-ms", "120000", "--group", "console-group",
                "--formatter-property", "print.key=true"));
        List<String> lines = consumed.lines().sorted().toList();
        assertEquals(List.of("k1\tv1", "k2\tv2", "k3\tv3"), lines, consumed);

        String groups = run("", ConsumerGroupCommand::main, concat("--list"));
        assertTrue(groups.lines().anyMatch("console-group"::equals), groups);
        String offsets = run("", ConsumerGroupCommand::main, concat("--describe", "--group", "console-group"));
        long committed = offsets.lines().filter(line -> line.startsWith("console-group"))
                .mapToLong(line -> Long.parseLong(line.trim().split("\\s+")[3])).sum();
        assertEquals(3, committed, offsets);
    }
}
