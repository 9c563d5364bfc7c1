package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.stream.Stream;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.user.UserStatus;
import org.iggyj.kernel.it.SdkLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three distribution processes with the cluster plugin form one replicated cluster on loopback. The
 * official Java SDK, connected to each node in turn, creates streams and topics, sends messages with
 * headers and polls them back from every node: same offsets, ids, timestamps, checksums, headers and
 * payloads everywhere. Users and consumer offsets written on one node are seen on the others,
 * members of one consumer group on two nodes share its partitions ({@link ClusterGroupMembership}),
 * and {@code /cluster/metadata} reports one leader and three healthy nodes.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NodeLogsOnFailure.class)
class ClusterIT {

    /** 3 nodes x 34 batches x 1,000 = 102,000 messages with two headers each. */
    private static final int BATCHES = 34;
    private static final int BATCH = 1_000;
    private static final int PARTITIONS = 2;
    private static final String TOKEN_NAME = "replicated-token";
    private static final String MESSAGE_BYTES_ENV = "IGGY_CLUSTER_REPLICATION_MESSAGE_BYTES";
    /** The short cases: per node 4 batches of 250 messages with a header. */
    private static final int SMALL_MESSAGES = 1_000;
    private static final int SMALL_BATCH = 250;
    /** Sends of a few messages each, so that many entries are written: ~1.6 KiB of messages per entry. */
    private static final int MANY_ENTRIES = 150;
    private static final int MESSAGES_PER_ENTRY = 10;

    @TempDir
    Path tempDir;

    @Test
    void shouldServeEveryWriteFromEveryNode() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.create(tempDir, false)) {
            cluster.startAll();
            assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
            assertOneLeaderAllHealthy(cluster);

            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                writeThrough(cluster, n);
            }
            List<List<Polled>> reference = new ArrayList<>();
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    reference.add(expectedPayloads(cluster, n, p));
                }
            }
            for (int reader = 0; reader < ThreeNodeCluster.SIZE; reader++) {
                assertSameMessages(cluster, reader, reference);
                assertUsersAndOffsetsReplicated(cluster, reader);
            }
            ClusterConsumerOffsets.assertOffsetsFollowTheConsumer(cluster, 0, 0);
            ClusterGroupMembership.assertMembersOnTwoNodesShareTheTopic(cluster, 1);
            assertReplicationMetrics(cluster);
            assertPasswordsNeverLogged(cluster);
            assertMessageBytesWhereConfigured(cluster);
            ClusterConcurrentSends.assertEverySendAppliedInOrderOnEveryNode(cluster, 0);
        }
    }

    /**
     * {@code replication.message_bytes = "raft_log"} (not the default) stays working: the same writes
     * through every node, served identically by every node, with the payloads inside the Raft log.
     */
    @Test
    void shouldServeEveryWriteFromEveryNodeWithMessageBytesInTheRaftLog() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.create(tempDir, false)) {
            for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
                cluster.node(i).putEnv(MESSAGE_BYTES_ENV, "raft_log");
            }
            cluster.startAll();
            assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
            List<List<Polled>> reference = writeSmallThroughEveryNode(cluster, "raft-");
            for (int reader = 0; reader < ThreeNodeCluster.SIZE; reader++) {
                assertEquals(reference, pollSmall(cluster, reader), "node" + reader);
            }
            assertMessageBytesIn(cluster, false, "raft-" + (ThreeNodeCluster.SIZE - 1) + "-" + (SMALL_MESSAGES - 1));
        }
    }

    /**
     * {@code [system.encryption]} with message bytes in the segments (the default): each node seals its
     * own copy, with its own nonces, when the bytes are logged, and opens what its leader role reads for
     * a follower. Every node serves the same plaintext, offsets, ids, timestamps and headers; the
     * checksums cover the sealed bytes, so they are the one field that differs between nodes, and no
     * payload is readable in any node's segment files.
     *
     * <p>A follower is stopped for all the writes: the leader's Raft log cache keeps headers only
     * ({@code caching.enabled}), so every entry it sends that follower when it is back comes through the
     * state machine's {@code read}: the newest from the leader's in-flight map (a small
     * {@code in_flight_bytes}), the others from the partition, opened (docs/cluster.md, "Message bytes
     * and the Raft log", point 6). The follower then serves the same plaintext.
     */
    @Test
    void shouldServeIdenticalPlaintextFromEveryNodeWithEncryption() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.create(tempDir, false, List.of("iggyj-encryption-aes-"))) {
            for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
                cluster.node(i).putEnv(MESSAGE_BYTES_ENV, "segments");
                cluster.node(i).putEnv("IGGY_SYSTEM_ENCRYPTION_ENABLED", "true");
                cluster.node(i).putEnv("IGGY_SYSTEM_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
                cluster.node(i).putEnv("IGGY_CLUSTER_REPLICATION_IN_FLIGHT_BYTES", "64 KiB");
            }
            cluster.startAll();
            assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
            int leader = cluster.leaderSeenByAll();
            int away = (leader + 1) % ThreeNodeCluster.SIZE;
            cluster.node(away).stop();
            List<List<Polled>> reference = withoutChecksums(writeSmallThroughEveryNode(cluster, "sealed-", away));
            List<Polled> manyEntries = withoutChecksums(List.of(sendManyEntries(cluster, leader))).get(0);
            cluster.node(away).start();
            assertTrue(cluster.node(away).await(cluster.node(away)::tcpAccepts, Duration.ofSeconds(120)),
                    cluster::logs);
            for (int reader = 0; reader < ThreeNodeCluster.SIZE; reader++) {
                assertEquals(reference, withoutChecksums(pollSmall(cluster, reader)), "node" + reader);
                IggyTcpClient client = cluster.client(reader);
                try {
                    // the stream created after the small writes' streams 0..SIZE-1
                    assertEquals(manyEntries, withoutChecksums(List.of(awaitCount(client, ThreeNodeCluster.SIZE, 0,
                            manyEntries.size()))).get(0), "node" + reader + ", many entries");
                } finally {
                    CompletableFuture.runAsync(client::close);
                }
                Path streams = cluster.node(reader).workDir().resolve("local_data/streams");
                assertTrue(segmentBytes(streams) > (long) SMALL_MESSAGES * ThreeNodeCluster.SIZE * 9,
                        "node" + reader + " stored the messages");
                assertFalse(containsInTree(streams, "sealed-0-"),
                        "a plaintext payload in node" + reader + "'s segments");
                assertFalse(containsInTree(streams, "y".repeat(100)),
                        "a plaintext payload of the many entries in node" + reader + "'s segments");
            }
            assertMessageBytesIn(cluster, true, "sealed-" + (ThreeNodeCluster.SIZE - 1) + "-" + (SMALL_MESSAGES - 1));
        }
    }

    /**
     * Through node {@code via}: one more stream (the next id), one partition, {@link #MANY_ENTRIES} sends;
     * returns what {@code via} serves.
     */
    private static List<Polled> sendManyEntries(ThreeNodeCluster cluster, int via) throws InterruptedException {
        IggyTcpClient client = cluster.client(via);
        try {
            long stream = client.streams().createStream("many-entries").id();
            long topic = client.topics().createTopic(StreamId.of(stream), 1L, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "entries").id();
            for (int e = 0; e < MANY_ENTRIES; e++) {
                List<Message> batch = new ArrayList<>(MESSAGES_PER_ENTRY);
                for (int i = 0; i < MESSAGES_PER_ENTRY; i++) {
                    Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
                    headers.put(HeaderKey.fromString("entry"), HeaderValue.fromString(Integer.toString(e)));
                    batch.add(Message.of("entry " + e + " message " + i + " " + "y".repeat(100), headers));
                }
                client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L),
                        batch);
            }
            List<Polled> sent = awaitCount(client, stream, 0, MANY_ENTRIES * MESSAGES_PER_ENTRY);
            assertEquals(MANY_ENTRIES * MESSAGES_PER_ENTRY, sent.size());
            return sent;
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    /** Through each node n: stream-n, one topic of PARTITIONS partitions, SMALL_MESSAGES messages with headers. */
    private static List<List<Polled>> writeSmallThroughEveryNode(ThreeNodeCluster cluster, String prefix)
            throws InterruptedException {
        return writeSmallThroughEveryNode(cluster, prefix, -1);
    }

    /** As above; node {@code down} (-1: none) is stopped, and its stream is written through the next node. */
    private static List<List<Polled>> writeSmallThroughEveryNode(ThreeNodeCluster cluster, String prefix, int down)
            throws InterruptedException {
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            IggyTcpClient client = cluster.client(n == down ? (n + 1) % ThreeNodeCluster.SIZE : n);
            try {
                long stream = client.streams().createStream("stream-" + n).id();
                long topic = client.topics().createTopic(StreamId.of(stream), (long) PARTITIONS,
                        CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "events").id();
                for (int from = 0; from < SMALL_MESSAGES; from += SMALL_BATCH) {
                    List<Message> batch = new ArrayList<>(SMALL_BATCH);
                    for (int i = from; i < from + SMALL_BATCH; i++) {
                        Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
                        headers.put(HeaderKey.fromString("seq"), HeaderValue.fromString(Integer.toString(i)));
                        batch.add(Message.of(prefix + n + "-" + i, headers));
                    }
                    client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic),
                            Partitioning.partitionId((long) (from / SMALL_BATCH % PARTITIONS)), batch);
                }
            } finally {
                CompletableFuture.runAsync(client::close);
            }
        }
        List<List<Polled>> written = pollSmall(cluster, down == 0 ? 1 : 0);
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            List<String> payloads = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                written.get(n * PARTITIONS + p).forEach(m -> payloads.add(m.payload()));
            }
            assertEquals(SMALL_MESSAGES, payloads.size(), "stream-" + n);
            assertTrue(payloads.contains(prefix + n + "-" + (SMALL_MESSAGES - 1)), "stream-" + n);
        }
        return written;
    }

    /** Every partition of every node's stream, read from node {@code reader} once it has them all. */
    private static List<List<Polled>> pollSmall(ThreeNodeCluster cluster, int reader) throws InterruptedException {
        IggyTcpClient client = cluster.client(reader);
        try {
            List<List<Polled>> all = new ArrayList<>();
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    all.add(awaitCount(client, n, p, SMALL_MESSAGES / PARTITIONS));
                }
            }
            return all;
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static List<List<Polled>> withoutChecksums(List<List<Polled>> polled) {
        return polled.stream().map(part -> part.stream().map(m -> new Polled(m.offset(), m.id(), m.timestamp(),
                BigInteger.ZERO, m.payload(), m.headers())).toList()).toList();
    }

    /**
     * {@code replication.message_bytes} as the test's environment sets it for the nodes (they inherit
     * {@link #MESSAGE_BYTES_ENV}): with {@code segments} (the default) no message payload is in any
     * node's Raft log files, with {@code raft_log} they are.
     */
    private static void assertMessageBytesWhereConfigured(ThreeNodeCluster cluster) throws Exception {
        boolean segments = !"raft_log".equals(System.getenv(MESSAGE_BYTES_ENV));
        assertMessageBytesIn(cluster, segments, "m-" + (ThreeNodeCluster.SIZE - 1) + "-" + (BATCHES * BATCH - 1));
    }

    private static void assertMessageBytesIn(ThreeNodeCluster cluster, boolean segments, String payload)
            throws Exception {
        for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
            boolean inLog = false;
            try (Stream<Path> files = Files.walk(cluster.node(i).workDir().resolve("local_data/cluster"))) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("log_"))::iterator) {
                    inLog |= new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(payload);
                }
            }
            assertEquals(!segments, inLog, payload + " in the Raft log of node" + i);
            if (segments) {
                assertTrue(cluster.node(i).log().contains("Message bytes go into the partitions' segments"),
                        "node" + i + " runs with message bytes in its segments");
            }
        }
    }

    /**
     * create_user and change_password replicate the hash made by the receiving node: no password is
     * in any node's Raft log, and the changed password (changed through node n) logs in on every
     * node while the old one no longer does. Likewise a personal access token made by node1: only
     * its hash is logged, and it logs in on every node.
     */
    private static void assertPasswordsNeverLogged(ThreeNodeCluster cluster) throws Exception {
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            IggyTcpClient self = SdkLogin.login(cluster.node(n).tcpPort(), "user-" + n, "secret-" + n);
            try {
                long id = self.users().getUser(UserId.of("user-" + n)).orElseThrow().id();
                self.users().changePassword(id, "secret-" + n, "changed-" + n);
            } finally {
                CompletableFuture.runAsync(self::close);
            }
        }
        String token;
        IggyTcpClient admin = cluster.client(1);
        try {
            token = admin.personalAccessTokens().createPersonalAccessToken(TOKEN_NAME, BigInteger.ZERO).token();
        } finally {
            CompletableFuture.runAsync(admin::close);
        }
        // Every node has applied the changes before logins are tried: a failed login counts towards
        // the login throttle.
        int leader = cluster.leaderSeenByAll();
        double committed = gauge(cluster.node(leader).httpGet("/metrics").body(), "iggy_cluster_commit_index", "");
        for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
            DistributionProcess node = cluster.node(i);
            assertTrue(awaitTrue(() -> gauge(node.httpGet("/metrics").body(), "iggy_cluster_last_applied_index", "")
                    >= committed, Duration.ofSeconds(30)), "node" + i + " applies up to " + committed);
        }
        for (int reader = 0; reader < ThreeNodeCluster.SIZE; reader++) {
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                int port = cluster.node(reader).tcpPort();
                String user = "user-" + n;
                assertTrue(logsIn(port, user, "changed-" + n), user + " with the new password on node" + reader);
                assertFalse(logsIn(port, user, "secret-" + n), user + " with the old password on node" + reader);
            }
        }
        // The token was made by node1, which logged only its hash: it logs in on every node.
        for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
            IggyTcpClient anonymous = IggyTcpClient.builder().host("127.0.0.1").port(cluster.node(i).tcpPort()).build();
            try {
                anonymous.connect();
                assertEquals(0L, anonymous.personalAccessTokens().loginWithPersonalAccessToken(token).userId(),
                        "token login on node" + i);
            } finally {
                CompletableFuture.runAsync(anonymous::close);
            }
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(token);
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            secrets.add("secret-" + n);
            secrets.add("changed-" + n);
        }
        for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
            Path raftLog = cluster.node(i).workDir().resolve("local_data/cluster");
            long scanned = 0;
            try (Stream<Path> files = Files.walk(raftLog)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    byte[] bytes = Files.readAllBytes(file);
                    scanned += bytes.length;
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        assertFalse(text.contains(secret), secret + " is in " + file);
                    }
                    // the user names are there (the scan reads the right files), the passwords are not
                }
            }
            assertTrue(scanned > 0, "no Raft log under " + raftLog);
            assertTrue(containsInTree(raftLog, "user-0"), "the scan did not see the create_user entries");
            assertTrue(containsInTree(raftLog, TOKEN_NAME), "the scan did not see the create_personal_access_token entry");
        }
    }

    private static boolean containsInTree(Path dir, String text) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long segmentBytes(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private static boolean logsIn(int port, String user, String password) {
        try {
            IggyTcpClient client = SdkLogin.login(port, user, password);
            CompletableFuture.runAsync(client::close);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Every node's {@code /metrics} shows its role, term, commit and applied index and the send entries
     * it submitted with the sends they carried, and where the leader found the bytes it sent to followers; the leader's
     * shows each follower's lag, which reaches 0 once nothing is being written.
     */
    private static void assertReplicationMetrics(ThreeNodeCluster cluster) throws Exception {
        int leader = cluster.leaderSeenByAll();
        assertTrue(leader >= 0, "one leader");
        for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
            String body = cluster.node(i).httpGet("/metrics").body();
            assertEquals(i == leader ? 0 : 1, (int) gauge(body, "iggy_cluster_role", ""), body);
            assertEquals(i == leader ? 1 : 0, (int) gauge(body, "iggy_cluster_leader", ""), body);
            assertTrue(gauge(body, "iggy_cluster_term", "") >= 1, body);
            // 3 nodes x (stream, topic, 10 sends, user, offset) at least, plus Raft's own entries
            assertTrue(gauge(body, "iggy_cluster_commit_index", "") >= 3 * 14, body);
            assertTrue(gauge(body, "iggy_cluster_last_applied_index", "") >= 3 * 14, body);
            // each node submitted the 10 sends written through it, alone or coalesced
            double entries = gauge(body, "iggy_cluster_send_entries_total", "");
            double sends = gauge(body, "iggy_cluster_send_entries_sends_total", "");
            assertTrue(entries >= 1 && sends >= 10 && sends >= entries, body);
            // where the leader found the message bytes it sent to followers (its in-flight map's hits and misses)
            double reads = 0;
            for (String source : List.of("pending", "in_flight", "partition")) {
                reads += gauge(body, "iggy_cluster_entry_data_reads_total", "source=\"" + source + "\"");
            }
            if (i == leader) {
                assertTrue(reads >= 1, "the leader sent its sends' bytes to the followers:\n" + body);
            }
        }
        for (int f = 0; f < ThreeNodeCluster.SIZE; f++) {
            if (f == leader) {
                continue;
            }
            String tag = "follower=\"node" + f + "\"";
            assertTrue(awaitTrue(() -> gauge(cluster.node(leader).httpGet("/metrics").body(),
                    "iggy_cluster_replication_lag", tag) == 0, Duration.ofSeconds(30)), "lag of node" + f);
            // A follower does not know the others' progress: its lag gauges say so (NaN).
            String onFollower = cluster.node(f).httpGet("/metrics").body();
            assertTrue(Double.isNaN(gauge(onFollower, "iggy_cluster_replication_lag", "follower=")), onFollower);
        }
    }

    /** @return the value of a gauge line {@code name{...tag...} value} in Prometheus text */
    static double gauge(String body, String name, String tag) {
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                if (line.contains(tag)) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        throw new AssertionError("no " + name + " " + tag + " in /metrics:\n" + body);
    }

    @Test
    void shouldRunAloneWhenClusteringIsOnButThePluginIsRemoved() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-cluster"));
            server.putEnv("IGGY_CLUSTER_ENABLED", "true");
            server.start();
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(120)), () -> logOf(server));
            IggyTcpClient client = SdkLogin.login(server.tcpPort(), "iggy", "iggy");
            try {
                client.streams().createStream("alone");
                assertEquals(1, client.streams().getStreams().size());
            } finally {
                CompletableFuture.runAsync(client::close);
            }
            assertTrue(logOf(server).contains("no replication plugin is installed"), () -> logOf(server));
        }
    }

    private static String logOf(DistributionProcess server) {
        try {
            return server.log();
        } catch (java.io.IOException e) {
            return "<log unreadable: " + e + ">";
        }
    }

    /** Through node {@code n}: a stream, a topic, a user, a consumer offset and BATCHES x BATCH messages. */
    private static void writeThrough(ThreeNodeCluster cluster, int n) {
        IggyTcpClient client = cluster.client(n);
        try {
            long stream = client.streams().createStream("stream-" + n).id();
            assertEquals(n, stream, "stream ids are assigned in log order");
            long topic = client.topics().createTopic(StreamId.of(stream), (long) PARTITIONS, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "events").id();
            for (int b = 0; b < BATCHES; b++) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
                    headers.put(HeaderKey.fromString("node"), HeaderValue.fromString("node" + n));
                    headers.put(HeaderKey.fromString("seq"), HeaderValue.fromString(Integer.toString(b * BATCH + i)));
                    batch.add(Message.of("m-" + n + "-" + (b * BATCH + i), headers));
                }
                client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic),
                        Partitioning.partitionId((long) (b % PARTITIONS)), batch);
            }
            // Read-your-writes on the node written to: everything is there as soon as the sends returned.
            assertEquals(BATCHES / PARTITIONS * BATCH, pollAll(client, stream, 0).size());
            client.users().createUser("user-" + n, "secret-" + n, UserStatus.Active, Optional.empty());
            client.consumerOffsets().storeConsumerOffset(StreamId.of(stream), TopicId.of(topic), Optional.of(0L),
                    Consumer.of(7L), BigInteger.valueOf(100 + n));
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    /** What node {@code n}'s stream holds in partition {@code p}, read from node n and checked against what was sent. */
    private static List<Polled> expectedPayloads(ThreeNodeCluster cluster, int n, int p) {
        IggyTcpClient client = cluster.client(n);
        try {
            List<Polled> polled = pollAll(client, n, p);
            assertEquals(BATCHES / PARTITIONS * BATCH, polled.size());
            int k = 0;
            for (int b = p; b < BATCHES; b += PARTITIONS) {
                for (int i = 0; i < BATCH; i++, k++) {
                    Polled m = polled.get(k);
                    assertEquals(BigInteger.valueOf(k), m.offset());
                    assertEquals("m-" + n + "-" + (b * BATCH + i), m.payload());
                    assertEquals(HeaderValue.fromString(Integer.toString(b * BATCH + i)),
                            m.headers().get(HeaderKey.fromString("seq")));
                    assertEquals(HeaderValue.fromString("node" + n), m.headers().get(HeaderKey.fromString("node")));
                }
            }
            return polled;
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static void assertSameMessages(ThreeNodeCluster cluster, int reader, List<List<Polled>> reference)
            throws InterruptedException {
        IggyTcpClient client = cluster.client(reader);
        try {
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    List<Polled> expected = reference.get(n * PARTITIONS + p);
                    List<Polled> actual = awaitCount(client, n, p, expected.size());
                    assertEquals(expected, actual, "node" + reader + " stream-" + n + " partition " + p);
                }
            }
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static void assertUsersAndOffsetsReplicated(ThreeNodeCluster cluster, int reader) {
        IggyTcpClient client = cluster.client(reader);
        try {
            List<String> names = client.users().getUsers().stream().map(u -> u.username()).sorted().toList();
            assertEquals(List.of("iggy", "user-0", "user-1", "user-2"), names, "users on node" + reader);
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                var offset = client.consumerOffsets().getConsumerOffset(StreamId.of((long) n), TopicId.of(0L),
                        Optional.of(0L), Consumer.of(7L));
                assertEquals(BigInteger.valueOf(100 + n), offset.orElseThrow().storedOffset(), "node" + reader);
            }
            // A user created on another node logs in here with the password given there.
            IggyTcpClient user = SdkLogin.login(cluster.node(reader).tcpPort(), "user-" + ((reader + 1) % 3),
                    "secret-" + ((reader + 1) % 3));
            CompletableFuture.runAsync(user::close);
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static void assertOneLeaderAllHealthy(ThreeNodeCluster cluster) throws Exception {
        for (int i = 0; i < ThreeNodeCluster.SIZE; i++) {
            int node = i;
            assertTrue(awaitTrue(() -> allHealthy(cluster.metadata(node)), Duration.ofSeconds(30)),
                    () -> "node" + node + " does not see three healthy nodes");
            JsonNode metadata = cluster.metadata(i);
            assertEquals("it-cluster", metadata.get("name").asText());
            assertEquals(3, metadata.get("nodes").size());
            int leaders = 0;
            for (JsonNode n : metadata.get("nodes")) {
                leaders += "leader".equals(n.get("role").asText()) ? 1 : 0;
                assertTrue(n.get("endpoints").get("tcp").asInt() > 0, n.toString());
            }
            assertEquals(1, leaders, metadata.toString());
        }
    }

    private static boolean allHealthy(JsonNode metadata) {
        for (JsonNode n : metadata.get("nodes")) {
            if (!"healthy".equals(n.get("status").asText())) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    static boolean awaitTrue(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(200);
        }
        return check.holds();
    }

    /** A follower applies a little after the leader: wait, bounded, until it has them all. */
    static List<Polled> awaitCount(IggyTcpClient client, long stream, long partition, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Polled> polled = pollWhileCatchingUp(client, stream, partition, deadline);
        while (polled.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            polled = pollWhileCatchingUp(client, stream, partition, deadline);
        }
        return polled;
    }

    /**
     * A node that has just restarted accepts connections before it has replayed its log, so the
     * topic may not exist there yet: until the deadline that counts as nothing polled.
     */
    private static List<Polled> pollWhileCatchingUp(IggyTcpClient client, long stream, long partition,
                                                    long deadline) {
        try {
            return pollAll(client, stream, partition);
        } catch (IggyResourceNotFoundException e) {
            if (System.nanoTime() >= deadline) {
                throw e;
            }
            return List.of();
        }
    }

    static List<Polled> pollAll(IggyTcpClient client, long stream, long partition) {
        List<Polled> all = new ArrayList<>();
        for (int page = 0; page < 10_000; page++) {
            PolledMessages polled = client.messages().pollMessages(StreamId.of(stream), TopicId.of(0L),
                    Optional.of(partition), Consumer.of(999L), PollingStrategy.offset(BigInteger.valueOf(all.size())),
                    1000L, false);
            if (polled.messages().isEmpty()) {
                return all;
            }
            polled.messages().forEach(m -> all.add(Polled.of(m)));
        }
        throw new AssertionError("partition never ran out of messages");
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
