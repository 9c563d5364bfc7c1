package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up through snapshots, with three distribution processes on loopback. Small segments, a small
 * topic size limit with retention running every second, a snapshot every 100 log entries and small
 * Raft log segments, so the Raft log is compacted several times while a node is away:
 * <ol>
 *   <li>a follower stopped while data is written (segments roll, retention deletes old ones, a topic
 *       is deleted and another created) comes back behind the leader's purged log, receives the
 *       leader's snapshot, catches up and serves exactly what the others serve;</li>
 *   <li>another follower, SIGKILLed and restarted, restores its own snapshot and replays only the entries
 *       after it; its consumer group member's client rejoins, and the group neither loses nor repeats a
 *       message ({@link ClusterRestartedNodeMembers});</li>
 *   <li>a node whose data directory was wiped catches up from a snapshot and serves the same data.</li>
 * </ol>
 * Catch-up and restart times and the Raft log sizes are printed for docs/cluster.md.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NodeLogsOnFailure.class)
class ClusterCatchUpIT {

    private static final int BATCH = 20;
    private static final int SNAPSHOT_THRESHOLD = 100;
    /** unreachable_member_timeout: the follower's crash and restart (ClusterRestartedNodeMembers) fit in it. */
    private static final String MEMBER_DROP = "5 min";
    private static final Pattern RESTORED = Pattern.compile("Restored snapshot at index (\\d+)");
    private static final Pattern FIRST_APPLIED = Pattern.compile("First log entry applied since start: index (\\d+)");
    private static final String INSTALLED = "Installed the leader's snapshot";
    private static final StreamId STREAM = StreamId.of(0L);
    private static final TopicId RETAINED = TopicId.of(0L);
    private static final TopicId PLAIN = TopicId.of(1L);

    @TempDir
    Path tempDir;

    @Test
    void shouldCatchUpFromSnapshotsAfterDowntimeRestartAndWipe() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.create(tempDir, false)) {
            for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
                configure(cluster.node(i));
            }
            cluster.startAll();
            assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
            int leader = cluster.leaderSeenByAll();
            phase("cluster ready, leader node" + leader);
            int away = (leader + 1) % ThreeNodeCluster.SIZE;
            int other = (leader + 2) % ThreeNodeCluster.SIZE;

            IggyTcpClient writer = cluster.client(leader);
            try {
                writer.streams().createStream("catch-up");
                // 256 KiB per topic with 64 KiB segments: retention keeps deleting the oldest segments.
                writer.topics().createTopic(STREAM, 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                        BigInteger.valueOf(256 * 1024), Optional.empty(), "retained");
                writer.topics().createTopic(STREAM, 2L, CompressionAlgorithm.None, BigInteger.ZERO,
                        BigInteger.ZERO, Optional.empty(), "plain");
                writer.topics().createTopic(STREAM, 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                        BigInteger.ZERO, Optional.empty(), "short-lived");
                int sent = send(writer, 0, 50);

                // (a) A follower is away while the log moves far past a few snapshots.
                long stopIndex = lastLogIndex(cluster.node(away));
                cluster.node(away).stop();
                phase("follower stopped");
                writer.topics().deleteTopic(STREAM, TopicId.of(2L));
                sent = send(writer, sent, 4 * SNAPSHOT_THRESHOLD);
                writer.topics().createTopic(STREAM, 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                        BigInteger.ZERO, Optional.empty(), "created-while-away");
                long firstKept = firstLogIndex(cluster.node(leader));
                System.out.printf("Leader Raft log: %d bytes in %s, first index %d; the stopped follower had up to %d%n",
                        raftLogBytes(cluster.node(leader)), raftLogFiles(cluster.node(leader)).size(), firstKept,
                        stopIndex);
                assertTrue(firstKept > stopIndex + 1, "the leader's log was compacted past the stopped follower: "
                        + firstKept + " > " + stopIndex + 1);

                phase("written while away");
                long start = System.nanoTime();
                cluster.node(away).start();
                assertSameData(cluster, away, other, sent);
                System.out.printf("Follower away for %d entries caught up in %d ms%n", 4 * SNAPSHOT_THRESHOLD,
                        (System.nanoTime() - start) / 1_000_000);
                printEvents("follower node" + away, cluster.node(away).log());
                printEvents("leader node" + leader, cluster.node(leader).log());
                assertTrue(cluster.node(away).log().contains(INSTALLED), () -> tail(cluster, away));
                assertEquals(List.of("retained", "plain", "created-while-away"), topicNames(cluster, away));
                assertEquals(topicNames(cluster, leader), topicNames(cluster, away));

                // A crash and restart, back within unreachable_member_timeout: the node restores its own
                // snapshot and replays only what follows it, and its consumer group member's client
                // rejoins without the group losing or repeating a message.
                sent = send(writer, sent, SNAPSHOT_THRESHOLD + 10);
                ClusterRestartedNodeMembers members = ClusterRestartedNodeMembers.beforeCrash(cluster, other, leader);
                phase("killing node" + other);
                cluster.node(other).kill();
                phase("killed");
                members.sendWhileDown();
                int logFrom = cluster.node(other).log().length();
                start = System.nanoTime();
                cluster.node(other).start();
                assertTrue(cluster.node(other).await(cluster.node(other)::tcpAccepts, Duration.ofSeconds(120)),
                        () -> tail(cluster, other));
                System.out.printf("Restart with a snapshot: serving after %d ms%n", (System.nanoTime() - start) / 1_000_000);
                try (members) {
                    members.assertGroupGoesOnAfterRestart();
                }
                phase("restarted node's group member rejoined");
                sent = send(writer, sent, 10);
                assertSameData(cluster, other, leader, sent);
                String log = cluster.node(other).log().substring(logFrom);
                long restored = lastMatch(RESTORED, log);
                long firstApplied = lastMatch(FIRST_APPLIED, log);
                printEvents("restarted node" + other, log);
                assertTrue(restored > 0, () -> tail(cluster, other));
                // Ratis's own entries (configuration, commit metadata) are not handed to the state machine.
                assertTrue(firstApplied > restored && firstApplied <= restored + 10,
                        "the replay starts right after the snapshot " + restored + ", not at " + firstApplied);

                // (b) A node that lost its whole data directory.
                cluster.node(away).stop();
                deleteTree(dataDir(cluster.node(away)));
                phase("wiped node" + away);
                sent = send(writer, sent, 20);
                start = System.nanoTime();
                cluster.node(away).start();
                assertSameData(cluster, away, leader, sent);
                System.out.printf("Wiped node caught up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
                printEvents("wiped node" + away, cluster.node(away).log());
                assertTrue(cluster.node(away).log().contains(INSTALLED), () -> tail(cluster, away));
            } finally {
                CompletableFuture.runAsync(writer::close);
            }
        }
    }

    /**
     * Opt-in measurement ({@code -Diggyj.cluster.measure=true}): the Raft log size and a follower's
     * restart time (start to serving everything) after {@code iggyj.cluster.measure.batches} batches,
     * with snapshots ({@code snapshot_threshold} 100) and without (0). Prints; asserts only the data.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "iggyj.cluster.measure", matches = "true")
    void measureRestartAndLogSizeWithAndWithoutSnapshots() throws Exception {
        int batches = Integer.getInteger("iggyj.cluster.measure.batches", 1000);
        for (int threshold : new int[] {0, SNAPSHOT_THRESHOLD}) {
            Path dir = java.nio.file.Files.createDirectories(tempDir.resolve("threshold-" + threshold));
            try (ThreeNodeCluster cluster = ThreeNodeCluster.create(dir, false)) {
                for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
                    configure(cluster.node(i));
                    cluster.node(i).putEnv("IGGY_CLUSTER_REPLICATION_SNAPSHOT_THRESHOLD", Integer.toString(threshold));
                    cluster.node(i).putEnv("IGGY_DATA_MAINTENANCE_MESSAGES_CLEANER_ENABLED", "false");
                }
                cluster.startAll();
                assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
                int leader = cluster.leaderSeenByAll();
                int follower = (leader + 1) % ThreeNodeCluster.SIZE;
                IggyTcpClient writer = cluster.client(leader);
                try {
                    writer.streams().createStream("measure");
                    writer.topics().createTopic(STREAM, 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                            BigInteger.ZERO, Optional.empty(), "retained");
                    writer.topics().createTopic(STREAM, 2L, CompressionAlgorithm.None, BigInteger.ZERO,
                            BigInteger.ZERO, Optional.empty(), "plain");
                    long sendStart = System.nanoTime();
                    int sent = send(writer, 0, batches);
                    long sendMs = (System.nanoTime() - sendStart) / 1_000_000;
                    cluster.node(follower).stop();
                    long start = System.nanoTime();
                    cluster.node(follower).start();
                    assertSameData(cluster, follower, leader, sent);
                    System.out.printf("MEASURE threshold=%d batches=%d messages=%d: sent in %d ms; leader Raft log %d bytes"
                            + " in %d segment files; follower restart to serving everything %d ms%n", threshold, sent,
                            sent * BATCH, sendMs, raftLogBytes(cluster.node(leader)),
                            raftLogFiles(cluster.node(leader)).size(), (System.nanoTime() - start) / 1_000_000);
                } finally {
                    CompletableFuture.runAsync(writer::close);
                }
            }
        }
    }

    private static void configure(DistributionProcess node) {
        node.putEnv("IGGY_SYSTEM_SEGMENT_SIZE", "64 KiB");
        node.putEnv("IGGY_DATA_MAINTENANCE_MESSAGES_CLEANER_ENABLED", "true");
        node.putEnv("IGGY_DATA_MAINTENANCE_MESSAGES_INTERVAL", "1 s");
        node.putEnv("IGGY_CLUSTER_REPLICATION_SNAPSHOT_THRESHOLD", Integer.toString(SNAPSHOT_THRESHOLD));
        node.putEnv("IGGY_CLUSTER_REPLICATION_LOG_RETAINED_ENTRIES", "10");
        // Ratis's log cache keeps headers only (caching.enabled), and it sizes segments by what it caches:
        // 16 KiB is ~125 entries, so the log is purged several times while a follower is away.
        node.putEnv("IGGY_CLUSTER_REPLICATION_LOG_SEGMENT_SIZE", "16 KiB");
        // Longer than a restart takes on a loaded machine: the restarted node must be back within it.
        node.putEnv("IGGY_CLUSTER_UNREACHABLE_MEMBER_TIMEOUT", MEMBER_DROP);
    }

    /** Sends {@code batches} batches alternating between the retained topic and the plain one's partitions. */
    private static int send(IggyTcpClient client, int from, int batches) {
        for (int b = from; b < from + batches; b++) {
            List<Message> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
                headers.put(HeaderKey.fromString("seq"), HeaderValue.fromString(b + "." + i));
                batch.add(Message.of("batch " + b + " message " + i + " " + "x".repeat(120), headers));
            }
            if (b % 2 == 0) {
                client.messages().sendMessages(STREAM, RETAINED, Partitioning.partitionId(0L), batch);
            } else {
                client.messages().sendMessages(STREAM, PLAIN, Partitioning.balanced(), batch);
            }
        }
        return from + batches;
    }

    /**
     * Waits until node {@code checked} serves exactly what node {@code reference} serves in every
     * partition, with everything sent present. Retention runs on each node on its own clock and, with
     * message bytes in the segments, never below that node's retention floor, which follows its own
     * Raft log's start (docs/cluster.md, "Message bytes and the Raft log", point 7): the retained topic
     * is compared from the later of the two nodes' first offsets, and retention must have deleted old
     * segments on both (a restarted node, or one that installed a snapshot, is not held back).
     */
    private static void assertSameData(ThreeNodeCluster cluster, int checked, int reference, int sent)
            throws Exception {
        boolean retention = !"false".equals(cluster.node(checked).environment()
                .get("IGGY_DATA_MAINTENANCE_MESSAGES_CLEANER_ENABLED"));
        assertTrue(cluster.node(checked).await(cluster.node(checked)::tcpAccepts, Duration.ofSeconds(120)),
                () -> tail(cluster, checked));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                List<List<Polled>> expected = pollEverything(cluster, reference);
                List<List<Polled>> actual = pollEverything(cluster, checked);
                int plain = expected.get(1).size() + expected.get(2).size();
                boolean complete = plain == sent / 2 * BATCH && lastOffset(expected.get(0)) == (sent + 1) / 2 * BATCH - 1;
                if (complete && sameFromLaterStart(expected, actual)) {
                    if (!retention || (firstOffset(expected.get(0)) > 0 && firstOffset(actual.get(0)) > 0)) {
                        return;
                    }
                    last = "retention has not deleted old segments on both nodes yet: first offsets "
                            + firstOffset(expected.get(0)) + " and " + firstOffset(actual.get(0));
                    Thread.sleep(500);
                    continue;
                }
                last = "reference sizes " + expected.stream().map(List::size).toList() + ", checked sizes "
                        + actual.stream().map(List::size).toList();
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("node" + checked + " never served what node" + reference + " serves: " + last
                + tail(cluster, checked));
    }

    private static List<String> topicNames(ThreeNodeCluster cluster, int node) {
        IggyTcpClient client = cluster.client(node);
        try {
            return client.topics().getTopics(STREAM).stream().sorted(java.util.Comparator.comparing(t -> t.id()))
                    .map(t -> t.name()).toList();
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    /** Partitions equal, the retained topic's (the first) from the later of the two first offsets. */
    private static boolean sameFromLaterStart(List<List<Polled>> expected, List<List<Polled>> actual) {
        long from = Math.max(firstOffset(expected.get(0)), firstOffset(actual.get(0)));
        return expected.subList(1, expected.size()).equals(actual.subList(1, actual.size()))
                && from(expected.get(0), from).equals(from(actual.get(0), from));
    }

    private static List<Polled> from(List<Polled> polled, long offset) {
        return polled.stream().filter(m -> m.offset().longValueExact() >= offset).toList();
    }

    private static long firstOffset(List<Polled> polled) {
        return polled.isEmpty() ? -1 : polled.get(0).offset().longValueExact();
    }

    private static long lastOffset(List<Polled> polled) {
        return polled.isEmpty() ? -1 : polled.get(polled.size() - 1).offset().longValueExact();
    }

    private static List<List<Polled>> pollEverything(ThreeNodeCluster cluster, int node) {
        IggyTcpClient client = cluster.client(node);
        try {
            return List.of(pollAll(client, RETAINED, 0), pollAll(client, PLAIN, 0), pollAll(client, PLAIN, 1));
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static List<Polled> pollAll(IggyTcpClient client, TopicId topic, long partition) {
        List<Polled> all = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (int page = 0; page < 10_000; page++) {
            PolledMessages polled = client.messages().pollMessages(STREAM, topic, Optional.of(partition),
                    Consumer.of(999L), PollingStrategy.offset(next), 1000L, false);
            if (polled.messages().isEmpty()) {
                return all;
            }
            polled.messages().forEach(m -> all.add(Polled.of(m)));
            next = all.get(all.size() - 1).offset().add(BigInteger.ONE);
        }
        throw new AssertionError("partition never ran out of messages");
    }

    private static Path dataDir(DistributionProcess node) {
        return node.workDir().resolve("local_data");
    }

    /** Ratis's log segments: {@code log_<first>-<last>} (closed) and {@code log_inprogress_<first>}. */
    private static List<Path> raftLogFiles(DistributionProcess node) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir(node).resolve("cluster"))) {
            return files.filter(p -> p.getParent().getFileName().toString().equals("current"))
                    .filter(p -> p.getFileName().toString().startsWith("log_")).sorted().toList();
        }
    }

    private static long raftLogBytes(DistributionProcess node) throws IOException {
        long total = 0;
        for (Path p : raftLogFiles(node)) {
            total += Files.size(p);
        }
        return total;
    }

    private static long firstLogIndex(DistributionProcess node) throws IOException {
        return raftLogFiles(node).stream().mapToLong(p -> indexes(p)[0]).min().orElse(-1);
    }

    private static long lastLogIndex(DistributionProcess node) throws IOException {
        return raftLogFiles(node).stream().mapToLong(p -> indexes(p)[1]).max().orElse(-1);
    }

    /** First and last index named by a segment file; an open segment's last is at least its first. */
    private static long[] indexes(Path segment) {
        String name = segment.getFileName().toString();
        if (name.startsWith("log_inprogress_")) {
            long first = Long.parseLong(name.substring("log_inprogress_".length()));
            return new long[] {first, first};
        }
        String[] range = name.substring("log_".length()).split("-");
        return new long[] {Long.parseLong(range[0]), Long.parseLong(range[1])};
    }

    private static void phase(String what) {
        System.out.println(java.time.LocalTime.now() + " == " + what);
    }

    /** The snapshot and start events of a node's log, for the report (docs/cluster.md). */
    private static void printEvents(String who, String log) {
        System.out.println("--- " + who);
        log.lines().filter(l -> l.contains("napshot") || l.contains("nstall") || l.contains("First log entry")
                || l.contains("listening") || l.contains("iggyj") && l.contains("start")).forEach(System.out::println);
    }

    private static long lastMatch(Pattern pattern, String log) {
        Matcher m = pattern.matcher(log);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
        assertFalse(Files.exists(root));
    }

    private static String tail(ThreeNodeCluster cluster, int node) {
        try {
            String log = cluster.node(node).log();
            return "\n===== node" + node + " =====\n" + (log.length() > 30_000 ? log.substring(log.length() - 30_000) : log);
        } catch (IOException e) {
            return "<log unreadable: " + e + ">";
        }
    }

    /** Everything a poll returns about one message, comparable by value. */
    record Polled(BigInteger offset, BigInteger id, BigInteger timestamp, BigInteger checksum, String payload,
                  Map<HeaderKey, HeaderValue> headers) {

        static Polled of(Message m) {
            return new Polled(m.header().offset(), m.header().id().toBigInteger(), m.header().timestamp(),
                    m.header().checksum(), new String(m.payload(), StandardCharsets.UTF_8), m.userHeaders());
        }
    }
}
