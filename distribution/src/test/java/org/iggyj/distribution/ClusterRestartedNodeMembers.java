package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;

/**
 * A node that crashes and is back within {@code [cluster] unreachable_member_timeout}: two
 * official-SDK members of one group, one on the node about to restart and one on the leader, have
 * each polled their partition and their offsets are on every node. The node is SIGKILLed, messages
 * are sent while it is down, it restarts, and its client reconnects and joins again. Then:
 * <ul>
 *   <li>the survivors never dropped the node's members (the leader logged no unreachable drop): the
 *       restarted node dropped its crashed process's member itself;</li>
 *   <li>every node holds exactly the leader's member and the rejoined one, never the crashed
 *       process's member, and assigns each partition to one of them;</li>
 *   <li>together they poll every message sent while the node was down exactly once, and nothing
 *       they had polled before the crash again.</li>
 * </ul>
 * Runs inside {@link ClusterCatchUpIT}, around its restart of a follower, so it starts no cluster.
 */
final class ClusterRestartedNodeMembers implements AutoCloseable {

    /** What a leader logs when it drops an unreachable node's members (ClusterMemberships). */
    static final String LEADER_DROP = "has been unreachable for more than";
    private static final Duration REPLICATED = Duration.ofSeconds(60);
    private static final long PARTITIONS = 2;
    private static final int PER_PARTITION = 40;

    private final ThreeNodeCluster cluster;
    private final int restarting;
    private final int leader;
    private final StreamId stream;
    private final TopicId topic;
    private final long group;
    private final IggyTcpClient onLeader;
    private IggyTcpClient onRestarting;
    private final Set<String> polled = new HashSet<>();
    /** Where each node's log stood before the crash: a drop would be logged by whichever node leads. */
    private final int[] logFrom = new int[ThreeNodeCluster.SIZE];
    private Set<String> sentWhileDown = Set.of();

    private ClusterRestartedNodeMembers(ThreeNodeCluster cluster, int restarting, int leader, StreamId stream,
                                        TopicId topic, long group) {
        this.cluster = cluster;
        this.restarting = restarting;
        this.leader = leader;
        this.stream = stream;
        this.topic = topic;
        this.group = group;
        this.onLeader = cluster.memberClient(leader);
        this.onRestarting = cluster.memberClient(restarting);
    }

    /**
     * Creates a stream with a two-partition topic and a group, joins a member on the leader then one
     * on the node that will restart, and has them poll one round, whose offsets then reach every node.
     *
     * @param cluster    the running cluster
     * @param restarting the node that will be killed and restarted
     * @param leader     the leader, which stays up
     * @return the members, ready for the crash
     */
    static ClusterRestartedNodeMembers beforeCrash(ThreeNodeCluster cluster, int restarting, int leader)
            throws Exception {
        IggyTcpClient admin = cluster.client(leader);
        StreamId stream;
        TopicId topic;
        long group;
        try {
            stream = StreamId.of(admin.streams().createStream("restarted-node-members").id());
            topic = TopicId.of(admin.topics().createTopic(stream, PARTITIONS, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "members").id());
            group = admin.consumerGroups().createConsumerGroup(stream, topic, "stay").id();
        } finally {
            CompletableFuture.runAsync(admin::close);
        }
        ClusterRestartedNodeMembers members = new ClusterRestartedNodeMembers(cluster, restarting, leader, stream,
                topic, group);
        members.onLeader.consumerGroups().joinConsumerGroup(stream, topic, ConsumerId.of(group));
        members.onRestarting.consumerGroups().joinConsumerGroup(stream, topic, ConsumerId.of(group));
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            ClusterGroupMembership.awaitMembers(cluster, n, stream, topic, group, 2, REPLICATED);
        }
        Set<String> before = members.send("before");
        members.pollAll(before, List.of(members.onLeader, members.onRestarting));
        members.awaitOffsetsEverywhere();
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            members.logFrom[n] = cluster.node(n).log().length();
        }
        return members;
    }

    /** While the node is down: a round of messages to both partitions, through the leader. */
    void sendWhileDown() {
        sentWhileDown = send("down");
    }

    /**
     * After the node restarted: its client reconnects and joins again, and the group goes on with
     * the leader's member and the new one, every message sent meanwhile polled exactly once.
     */
    void assertGroupGoesOnAfterRestart() throws Exception {
        CompletableFuture.runAsync(onRestarting::close);
        onRestarting = cluster.memberClient(restarting);
        onRestarting.consumerGroups().joinConsumerGroup(stream, topic, ConsumerId.of(group));
        // The join is answered after the restarted node applied it: the crashed process's member is
        // gone there once it reports two members, not three. Member ids say nothing here: a member
        // that joins after a leave may be given the id the leaver had.
        ClusterGroupMembership.awaitMembers(cluster, restarting, stream, topic, group, 2, REPLICATED);
        awaitEverythingAppliedEverywhere();
        List<Set<Long>> assignment = ClusterGroupMembership.assignment(cluster, restarting, stream, topic, group);
        assertEquals(List.of(Set.of(0L), Set.of(1L)), assignment, "one partition to each live member");
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            assertEquals(assignment, ClusterGroupMembership.assignment(cluster, n, stream, topic, group),
                    "node" + n + " holds the two live members only, and assigns as the restarted node");
        }
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            if (n != restarting) {
                assertFalse(cluster.node(n).log().substring(logFrom[n]).contains(LEADER_DROP),
                        "node" + n + " dropped the members of a node back within unreachable_member_timeout");
            }
        }
        pollAll(sentWhileDown, List.of(onLeader, onRestarting));
    }

    /** Polls with both members in turn until {@code expected} is all read; fails on any other message. */
    private void pollAll(Set<String> expected, List<IggyTcpClient> members) throws Exception {
        Set<String> round = new HashSet<>();
        Set<Long> partitions = new TreeSet<>();
        long deadline = System.nanoTime() + REPLICATED.toNanos();
        while (round.size() < expected.size() && System.nanoTime() < deadline) {
            for (IggyTcpClient member : members) {
                PolledMessages batch = member.messages().pollMessages(stream, topic, Optional.empty(),
                        Consumer.group(group), PollingStrategy.next(), 20L, true);
                if (!batch.messages().isEmpty()) {
                    partitions.add(batch.partitionId());
                }
                for (Message m : batch.messages()) {
                    String payload = new String(m.payload());
                    assertTrue(polled.add(payload), "delivered to the group twice: " + payload);
                    round.add(payload);
                }
            }
        }
        assertEquals(expected, round, "the members polled every message of the round once");
        assertEquals(Set.of(0L, 1L), partitions, "from both partitions");
    }

    /** Auto-commits travel asynchronously: waits until every node holds both partitions' last offset. */
    private void awaitOffsetsEverywhere() throws Exception {
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            IggyTcpClient client = cluster.client(n);
            try {
                for (long p = 0; p < PARTITIONS; p++) {
                    long partition = p;
                    assertTrue(ClusterIT.awaitTrue(() -> client.consumerOffsets().getConsumerOffset(stream, topic,
                            Optional.of(partition), Consumer.group(group)).map(o -> o.storedOffset().longValueExact())
                            .orElse(-1L) == PER_PARTITION - 1, REPLICATED),
                            "node" + n + " holds the group's offset of partition " + p);
                }
            } finally {
                CompletableFuture.runAsync(client::close);
            }
        }
    }

    /**
     * A topic created through the restarted node is logged after everything that node has applied:
     * once a node lists it, that node has applied the rejoin and the crashed process's drop too.
     */
    private void awaitEverythingAppliedEverywhere() throws Exception {
        IggyTcpClient admin = cluster.client(restarting);
        try {
            admin.topics().createTopic(stream, 1L, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
                    Optional.empty(), "applied-after-rejoin");
        } finally {
            CompletableFuture.runAsync(admin::close);
        }
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            IggyTcpClient client = cluster.client(n);
            try {
                assertTrue(ClusterIT.awaitTrue(() -> client.topics().getTopics(stream).size() == 2, REPLICATED),
                        "node" + n + " applied the topic created after the rejoin");
            } finally {
                CompletableFuture.runAsync(client::close);
            }
        }
    }

    private Set<String> send(String round) {
        return ClusterDeadNodeMembers.sendRound(cluster, leader, stream, topic, PARTITIONS, PER_PARTITION, round);
    }

    @Override
    public void close() {
        // The crashed node's first client may wait for its dead connection: never hold the test on it.
        CompletableFuture.runAsync(onLeader::close);
        CompletableFuture.runAsync(onRestarting::close);
    }
}
