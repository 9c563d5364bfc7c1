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
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;

/**
 * The members of a SIGKILLed node leave its consumer groups: two official-SDK members of one group,
 * one on the node about to be killed and one on a survivor. After the kill, every survivor drops
 * the dead node's member (once the leader has reported the node unreachable for
 * {@code [cluster] unreachable_member_timeout}); the surviving member then owns every partition and
 * polls each message sent meanwhile exactly once. After the killed node restarts, its old member
 * does not come back. Runs inside {@link ClusterFailoverIT}, around its first leader kill.
 */
final class ClusterDeadNodeMembers implements AutoCloseable {

    /** Generous: the leader first waits six election timeouts, then the drop timeout, on a loaded machine. */
    private static final Duration DROPPED = Duration.ofSeconds(120);
    private static final long PARTITIONS = 2;
    private static final int PER_PARTITION = 50;
    private static final StreamId STREAM = StreamId.of(0L);

    private final ThreeNodeCluster cluster;
    private final int doomed;
    private final int survivor;
    private final TopicId topic;
    private final long group;
    private final IggyTcpClient onDoomed;
    private final IggyTcpClient onSurvivor;
    private IggyTcpClient rejoined;

    private ClusterDeadNodeMembers(ThreeNodeCluster cluster, int doomed, int survivor, TopicId topic, long group) {
        this.cluster = cluster;
        this.doomed = doomed;
        this.survivor = survivor;
        this.topic = topic;
        this.group = group;
        this.onDoomed = cluster.memberClient(doomed);
        this.onSurvivor = cluster.memberClient(survivor);
    }

    /**
     * Creates a topic of two partitions in stream 0 with a group, and joins one member on each node.
     *
     * @param cluster  the running cluster
     * @param doomed   the node that will be killed
     * @param survivor a node that stays up
     * @return the members, both joined and seen by every node
     */
    static ClusterDeadNodeMembers join(ThreeNodeCluster cluster, int doomed, int survivor) throws Exception {
        IggyTcpClient admin = cluster.client(survivor);
        TopicId topic;
        long group;
        try {
            topic = TopicId.of(admin.topics().createTopic(STREAM, PARTITIONS, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "dead-node-members").id());
            group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "outlive").id();
        } finally {
            CompletableFuture.runAsync(admin::close);
        }
        ClusterDeadNodeMembers members = new ClusterDeadNodeMembers(cluster, doomed, survivor, topic, group);
        members.onDoomed.consumerGroups().joinConsumerGroup(STREAM, topic, ConsumerId.of(group));
        members.onSurvivor.consumerGroups().joinConsumerGroup(STREAM, topic, ConsumerId.of(group));
        members.awaitMembersOnLiveNodes(2);
        return members;
    }

    /** After the kill: the survivors drop the dead node's member, and the other one reads everything. */
    void assertSurvivingMemberTakesOver() throws Exception {
        Set<String> sent = send("meanwhile");
        awaitMembersOnLiveNodes(1);
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            if (n != doomed) {
                assertEquals(List.of(Set.of(0L, 1L)), ClusterGroupMembership.assignment(cluster, n, STREAM, topic,
                        group), "node" + n + " gives every partition to the surviving member");
            }
        }
        Set<String> polled = new HashSet<>();
        Set<Long> partitions = new TreeSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (polled.size() < sent.size() && System.nanoTime() < deadline) {
            pollInto(polled, partitions);
        }
        pollInto(polled, partitions);
        assertEquals(sent, polled, "the surviving member polled every message sent meanwhile, once");
        assertEquals(Set.of(0L, 1L), partitions, "from both partitions");
    }

    /**
     * After the killed node restarted: a new member joins there; every node then holds exactly the
     * surviving member and the new one, never the killed process's member again.
     */
    void assertOldMemberStaysGone() throws Exception {
        rejoined = cluster.memberClient(doomed);
        // Answered after the restarted node's own apply of the join, so after everything before it.
        rejoined.consumerGroups().joinConsumerGroup(STREAM, topic, ConsumerId.of(group));
        awaitMembersOnLiveNodes(2);
        List<Set<Long>> assignment = ClusterGroupMembership.assignment(cluster, doomed, STREAM, topic, group);
        assertEquals(List.of(Set.of(0L), Set.of(1L)), assignment, "the surviving member and the new one");
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            assertEquals(assignment, ClusterGroupMembership.assignment(cluster, n, STREAM, topic, group),
                    "node" + n + " assigns as the restarted node");
        }
    }

    private void awaitMembersOnLiveNodes(long count) throws Exception {
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            if (cluster.node(n).isAlive()) {
                ClusterGroupMembership.awaitMembers(cluster, n, STREAM, topic, group, count, DROPPED);
            }
        }
    }

    private Set<String> send(String round) {
        return sendRound(cluster, survivor, STREAM, topic, PARTITIONS, PER_PARTITION, round);
    }

    /**
     * Sends one round through node {@code through}: {@code perPartition} messages
     * {@code "round-partition-i"} to each partition, one batch per partition.
     *
     * @return the payloads sent
     */
    static Set<String> sendRound(ThreeNodeCluster cluster, int through, StreamId stream, TopicId topic,
                                 long partitions, int perPartition, String round) {
        Set<String> sent = new HashSet<>();
        IggyTcpClient writer = cluster.client(through);
        try {
            for (long p = 0; p < partitions; p++) {
                List<Message> batch = new ArrayList<>(perPartition);
                for (int i = 0; i < perPartition; i++) {
                    String payload = round + "-" + p + "-" + i;
                    batch.add(Message.of(payload));
                    sent.add(payload);
                }
                writer.messages().sendMessages(stream, topic, Partitioning.partitionId(p), batch);
            }
        } finally {
            CompletableFuture.runAsync(writer::close);
        }
        return sent;
    }

    private void pollInto(Set<String> polled, Set<Long> partitions) {
        PolledMessages batch = onSurvivor.messages().pollMessages(STREAM, topic, Optional.empty(),
                Consumer.group(group), PollingStrategy.next(), 20L, true);
        if (!batch.messages().isEmpty()) {
            partitions.add(batch.partitionId());
        }
        for (Message m : batch.messages()) {
            String payload = new String(m.payload());
            assertTrue(polled.add(payload), "polled twice: " + payload);
        }
    }

    @Override
    public void close() {
        // The killed node's client may wait for its dead connection: never hold the test on it.
        CompletableFuture.runAsync(onDoomed::close);
        CompletableFuture.runAsync(onSurvivor::close);
        if (rejoined != null) {
            CompletableFuture.runAsync(rejoined::close);
        }
    }
}
