package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumergroup.ConsumerGroupMember;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;

/**
 * Consumer group membership is replicated: two official-SDK members of one group connected to two
 * different nodes get disjoint partitions that cover the topic, and together poll every message
 * exactly once; when one disconnects, the other owns every partition. Runs on {@link ClusterIT}'s
 * cluster.
 */
final class ClusterGroupMembership {

    private static final Duration REPLICATED = Duration.ofSeconds(30);
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 150;
    private static final int BATCH = 50;

    private ClusterGroupMembership() {
    }

    /**
     * @param cluster the running cluster
     * @param stream  an existing stream id (a topic is created in it)
     */
    static void assertMembersOnTwoNodesShareTheTopic(ThreeNodeCluster cluster, long stream) throws Exception {
        StreamId s = StreamId.of(stream);
        TopicId t;
        long group;
        IggyTcpClient admin = cluster.client(2);
        try {
            t = TopicId.of(admin.topics().createTopic(s, (long) PARTITIONS, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "membership").id());
            send(admin, s, t, "first");
            group = admin.consumerGroups().createConsumerGroup(s, t, "spread").id();
        } finally {
            CompletableFuture.runAsync(admin::close);
        }

        IggyTcpClient onNode0 = cluster.memberClient(0);
        IggyTcpClient onNode1 = cluster.memberClient(1);
        try {
            onNode0.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of(group));
            onNode1.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of(group));
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                awaitMembers(cluster, n, s, t, group, 2);
            }
            List<Set<Long>> assignment = assignment(cluster, 0, s, t, group);
            for (int n = 1; n < ThreeNodeCluster.SIZE; n++) {
                assertEquals(assignment, assignment(cluster, n, s, t, group), "node" + n + " assigns as node0");
            }
            Set<Long> all = new TreeSet<>();
            for (Set<Long> owned : assignment) {
                assertEquals(PARTITIONS / 2, owned.size(), "each member owns half the partitions: " + assignment);
                all.addAll(owned);
            }
            assertEquals(Set.of(0L, 1L, 2L, 3L), all, "the members' partitions cover the topic: " + assignment);

            Set<String> seen = new HashSet<>();
            Set<Long> partitionsOf0 = new TreeSet<>();
            Set<Long> partitionsOf1 = new TreeSet<>();
            long total = (long) PARTITIONS * PER_PARTITION;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < total && System.nanoTime() < deadline) {
                pollInto(onNode0, s, t, group, seen, partitionsOf0);
                pollInto(onNode1, s, t, group, seen, partitionsOf1);
            }
            assertEquals(total, seen.size(), "the two members together polled every message");
            pollInto(onNode0, s, t, group, seen, partitionsOf0);
            pollInto(onNode1, s, t, group, seen, partitionsOf1);
            assertEquals(total, seen.size(), "nothing more to poll");
            assertEquals(PARTITIONS / 2, partitionsOf0.size(), "node0's member read its own partitions only");
            assertEquals(PARTITIONS / 2, partitionsOf1.size(), "node1's member read its own partitions only");
            assertTrue(partitionsOf0.stream().noneMatch(partitionsOf1::contains),
                    "disjoint partitions: " + partitionsOf0 + " / " + partitionsOf1);

            // node1's member disconnects: its leave is replicated and node0's member owns every partition.
            onNode1.close();
            onNode1 = null;
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                awaitMembers(cluster, n, s, t, group, 1);
            }
            assertEquals(List.of(Set.of(0L, 1L, 2L, 3L)), assignment(cluster, 0, s, t, group));
            // Its last auto-commits travel asynchronously; once node0 holds them, node0's member goes on
            // exactly after them.
            for (long p : partitionsOf1) {
                long partition = p;
                assertTrue(ClusterIT.awaitTrue(() -> groupOffset(onNode0, s, t, group, partition)
                        == PER_PARTITION - 1, REPLICATED), "node0 holds node1's member's offset of partition " + p);
            }
            IggyTcpClient writer = cluster.client(1);
            try {
                send(writer, s, t, "second");
            } finally {
                CompletableFuture.runAsync(writer::close);
            }
            Set<String> second = new HashSet<>();
            Set<Long> partitionsNow = new TreeSet<>();
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (second.size() < total && System.nanoTime() < deadline) {
                pollInto(onNode0, s, t, group, second, partitionsNow);
            }
            assertEquals(total, second.size(), "the remaining member polled every new message once");
            assertEquals(Set.of(0L, 1L, 2L, 3L), partitionsNow, "from every partition");
            assertTrue(second.stream().allMatch(m -> m.startsWith("second-")), "and nothing it had read before");
        } finally {
            CompletableFuture.runAsync(onNode0::close);
            if (onNode1 != null) {
                CompletableFuture.runAsync(onNode1::close);
            }
        }
    }

    private static void send(IggyTcpClient client, StreamId s, TopicId t, String round) {
        for (long p = 0; p < PARTITIONS; p++) {
            for (int b = 0; b < PER_PARTITION / BATCH; b++) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    batch.add(Message.of(round + "-" + p + "-" + (b * BATCH + i)));
                }
                client.messages().sendMessages(s, t, Partitioning.partitionId(p), batch);
            }
        }
    }

    /** One group poll with auto-commit; fails on a message polled twice. */
    private static void pollInto(IggyTcpClient member, StreamId s, TopicId t, long group, Set<String> seen,
                                 Set<Long> partitions) {
        PolledMessages polled = member.messages().pollMessages(s, t, Optional.empty(), Consumer.group(group),
                PollingStrategy.next(), 40L, true);
        if (!polled.messages().isEmpty()) {
            partitions.add(polled.partitionId());
        }
        for (Message m : polled.messages()) {
            String payload = new String(m.payload());
            assertTrue(seen.add(payload), "polled twice: " + payload);
        }
    }

    /** @return each member's partitions as node {@code n} assigns them, in member order */
    static List<Set<Long>> assignment(ThreeNodeCluster cluster, int n, StreamId s, TopicId t, long group) {
        IggyTcpClient client = cluster.client(n);
        try {
            ConsumerGroupDetails details = client.consumerGroups().getConsumerGroup(s, t, ConsumerId.of(group))
                    .orElseThrow();
            List<Set<Long>> owned = new ArrayList<>();
            for (ConsumerGroupMember m : details.members()) {
                owned.add(new TreeSet<>(m.partitions()));
            }
            return owned;
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    /** Waits until node {@code n} reports {@code count} members of the group. */
    static void awaitMembers(ThreeNodeCluster cluster, int n, StreamId s, TopicId t, long group, long count)
            throws Exception {
        awaitMembers(cluster, n, s, t, group, count, REPLICATED);
    }

    /** Waits up to {@code timeout} until node {@code n} reports {@code count} members of the group. */
    static void awaitMembers(ThreeNodeCluster cluster, int n, StreamId s, TopicId t, long group, long count,
                             Duration timeout) throws Exception {
        IggyTcpClient client = cluster.client(n);
        try {
            assertTrue(ClusterIT.awaitTrue(() -> client.consumerGroups().getConsumerGroup(s, t, ConsumerId.of(group))
                    .map(ConsumerGroupDetails::membersCount).orElse(-1L) == count, timeout),
                    "node" + n + " reports " + count + " members of group " + group);
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static long groupOffset(IggyTcpClient client, StreamId s, TopicId t, long group, long partition) {
        return client.consumerOffsets().getConsumerOffset(s, t, Optional.of(partition), Consumer.group(group))
                .map(o -> o.storedOffset().longValueExact()).orElse(-1L);
    }
}
