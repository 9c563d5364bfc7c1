package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.MessageChecks.Polled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server process (SIGKILL) while a client is sending with fsync enforced, restarts it
 * on the same data directory and checks that every acknowledged message survived, in order,
 * intact and exactly once. The server runs as a separate JVM so the kill is real.
 */
@Tag("integration")
// The bounds below reflect machine speed only (a server JVM starting, fsyncs, on 2 cores under load
// 20-70 while other builds run; a server start took 88 s at load 68): each waits on a condition and ends
// as soon as it holds.
@Timeout(600)
class CrashIT {

    private static final int BATCH = 10;
    private static final long ACKED_BEFORE_KILL = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path tempDir;

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkill() throws Throwable {
        try {
            run();
        } catch (Throwable t) {
            printLogs();
            throw t;
        }
    }

    private void run() throws Exception {
        Path data = tempDir.resolve("data");
        int port = freePort();
        long started = System.nanoTime();
        Process first = startServer(data, port, "first");
        long firstListening = System.nanoTime();

        AtomicLong acked = new AtomicLong();
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        CountDownLatch enoughAcked = new CountDownLatch(1);
        try (IggyTcpClient admin = client(port)) {
            admin.streams().createStream("crash");
            admin.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                    BigInteger.ZERO, Optional.empty(), "log");
        }
        // The sender talks raw TCP, not through the SDK: the SDK 0.8 TCP client never fails a request whose
        // connection closed (it ignores its request timeout), so after the kill its sender would hang and
        // this test could only guess when the last acknowledgement had been counted. A blocking socket
        // reads every reply the server sent before dying, then end-of-stream.
        RawConnection producer = new RawConnection(new InetSocketAddress("127.0.0.1", port));
        assertEquals(0, producer.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status(), "login");

        Thread sender = new Thread(() -> {
            try {
                // bounded: the kill ends the loop long before this
                for (long seq = 0; seq < 10_000_000; seq += BATCH) {
                    String[] batch = new String[BATCH];
                    for (int j = 0; j < BATCH; j++) {
                        batch[j] = "m-" + (seq + j);
                    }
                    // balanced partitioning on a one-partition topic: partition 0
                    int status = producer.call(RawConnection.SEND_MESSAGES,
                            RawConnection.sendMessagesPayload(0, 0, batch)).status();
                    if (status != 0) {
                        throw new AssertionError("send_messages refused with status " + status);
                    }
                    acked.set(seq + BATCH);
                    if (seq + BATCH >= ACKED_BEFORE_KILL) {
                        enoughAcked.countDown();
                    }
                }
            } catch (Throwable t) {
                sendFailure.set(t);
            } finally {
                enoughAcked.countDown();
            }
        }, "crash-it-sender");
        sender.setDaemon(true);
        sender.start();

        assertTrue(enoughAcked.await(180, TimeUnit.SECONDS), "the server acknowledged " + ACKED_BEFORE_KILL);
        long killed = System.nanoTime();
        assertTrue(sendFailure.get() == null, () -> "sending failed before the kill: " + sendFailure.get());
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "killed server exited");
        // the socket's read timeout bounds this; once the sender is done, the count is final
        sender.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!sender.isAlive(), "the sender noticed the dead server");
        long ackedCount = acked.get();
        producer.close();
        assertTrue(ackedCount >= ACKED_BEFORE_KILL, "acked " + ackedCount);

        int secondPort = freePort();
        long restarting = System.nanoTime();
        startServer(data, secondPort, "second");
        long secondListening = System.nanoTime();
        try (IggyTcpClient reader = client(secondPort)) {
            List<Polled> all = MessageChecks.pollAll(reader, 0, 0, 0);
            System.out.printf("CrashIT: %d messages acknowledged before the kill, %d recovered; first start %d ms,"
                            + " sends until the kill %d ms, restart %d ms%n", ackedCount, all.size(),
                    millis(firstListening - started), millis(killed - firstListening),
                    millis(secondListening - restarting));
            assertTrue(all.size() >= ackedCount,
                    "stored " + all.size() + " messages but " + ackedCount + " were acknowledged");
            for (int k = 0; k < all.size(); k++) {
                Polled m = all.get(k);
                assertEquals(k, m.offsetValue(), "offsets dense from 0");
                assertEquals("m-" + k, m.payload(), "message at offset " + k);
            }
            // at most the batch in flight at the kill can be stored beyond the acknowledged ones
            assertTrue(all.size() <= ackedCount + BATCH, "stored " + all.size() + ", acked " + ackedCount);

            // and the partition accepts appends again, right after the recovered tail
            reader.messages().sendMessages(StreamId.of(0L), TopicId.of(0L), Partitioning.partitionId(0L),
                    List.of(Message.of("after-crash")));
            List<Polled> tail = MessageChecks.values(MessageChecks.poll(reader, 0, 0, 0,
                    PollingStrategy.last(), 1));
            assertEquals(1, tail.size());
            assertEquals(all.size(), tail.get(0).offsetValue());
            assertEquals("after-crash", tail.get(0).payload());
        }
    }

    private IggyTcpClient client(int port) {
        return SdkLogin.loginSingleConnection(port, TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
    }

    private Process startServer(Path data, int port, String name) throws IOException, InterruptedException {
        Path log = tempDir.resolve(name + "-server.log");
        logs.add(log);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire may run tests from a manifest-only jar; its real class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", classPath,
                "-Diggy.plugins.classpath=true", "org.iggyj.kernel.IggyServer", "--with-default-root-credentials");
        Map<String, String> env = builder.environment();
        env.put("IGGY_SYSTEM_PATH", data.toString());
        env.put("IGGY_TCP_ADDRESS", "127.0.0.1:" + port);
        // The other transports on the test class path take free ports, never their defaults.
        env.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_METRICS_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_KAFKA_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC", "true");
        env.put("IGGY_SYSTEM_SEGMENT_SIZE", "64 KiB");
        env.put("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2");
        builder.directory(tempDir.toFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        processes.add(process);
        awaitListening(process, port);
        return process;
    }

    /** Polls the port until it accepts, the process dies, or the bound runs out. */
    private static void awaitListening(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                // waiting on the process doubles as the pause between probes and notices an early exit
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("server exited with " + process.exitValue() + " before listening");
                }
            }
        }
        throw new AssertionError("server did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void printLogs() {
        for (Path log : logs) {
            try {
                System.err.println("===== " + log.getFileName() + " =====");
                System.err.println(Files.readString(log, StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.err.println("cannot read " + log + ": " + e);
            }
        }
    }
}
