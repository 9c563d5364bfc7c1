package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;

/**
 * Consumer offsets follow a consumer from node to node: a group member's polls with auto-commit, its
 * explicit store and delete, and a regular consumer's auto-commit, all made on one node, are applied
 * on every node, so the consumer reconnecting to another node continues where it stopped. Runs on
 * {@link ClusterIT}'s cluster, on a topic with two partitions of at least 1,000 messages each.
 */
final class ClusterConsumerOffsets {

    private static final Duration REPLICATED = Duration.ofSeconds(30);
    private static final long REGULAR = 8L;

    private ClusterConsumerOffsets() {
    }

    /**
     * @param cluster the running cluster
     * @param stream  a stream id
     * @param topic   a topic id in it, with partitions 0 and 1 holding at least 1,000 messages
     */
    static void assertOffsetsFollowTheConsumer(ThreeNodeCluster cluster, long stream, long topic) throws Exception {
        StreamId s = StreamId.of(stream);
        TopicId t = TopicId.of(topic);
        long group;
        IggyTcpClient admin = cluster.client(1);
        try {
            group = admin.consumerGroups().createConsumerGroup(s, t, "readers").id();
        } finally {
            CompletableFuture.runAsync(admin::close);
        }
        Consumer member = Consumer.group(group);

        IggyTcpClient first = cluster.memberClient(0);
        try {
            first.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of(group));
            // Many quick polls: their auto-commits are coalesced, the last one must still arrive everywhere.
            long next = 0;
            for (int i = 0; i < 40; i++) {
                next = pollFrom(first, s, t, 0, member, 25, next);
            }
            assertEquals(1000, next);
            first.consumerOffsets().storeConsumerOffset(s, t, Optional.of(1L), member, BigInteger.valueOf(41));
            long regular = 0;
            for (int i = 0; i < 3; i++) {
                regular = pollFrom(first, s, t, 1, Consumer.of(REGULAR), 50, regular);
            }
        } finally {
            CompletableFuture.runAsync(first::close);
        }

        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            int node = n;
            assertTrue(ClusterIT.awaitTrue(() -> storedOffset(cluster, node, s, t, 0, member) == 999
                    && storedOffset(cluster, node, s, t, 1, member) == 41
                    && storedOffset(cluster, node, s, t, 1, Consumer.of(REGULAR)) == 149, REPLICATED),
                    "node" + n + " holds the offsets committed on node0");
        }

        // The consumer fails over to node2: the group and the regular consumer go on from their offsets.
        // Membership is replicated: the first member's leave (on disconnect) must be in before the next
        // member joins, or the two would share the partitions.
        ClusterGroupMembership.awaitMembers(cluster, 2, s, t, group, 0);
        IggyTcpClient second = cluster.memberClient(2);
        try {
            second.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of(group));
            pollFrom(second, s, t, 0, member, 10, 1000);
            pollFrom(second, s, t, 1, member, 10, 42);
            pollFrom(second, s, t, 1, Consumer.of(REGULAR), 10, 150);
            second.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), member, BigInteger.valueOf(5));
        } finally {
            CompletableFuture.runAsync(second::close);
        }
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            int node = n;
            assertTrue(ClusterIT.awaitTrue(() -> storedOffset(cluster, node, s, t, 0, member) == 5
                    && storedOffset(cluster, node, s, t, 1, member) == 51
                    && storedOffset(cluster, node, s, t, 1, Consumer.of(REGULAR)) == 159, REPLICATED),
                    "node" + n + " holds the offsets committed on node2");
        }

        // On node1, a member stores and deletes: the delete (not in the SDK 0.8) is replicated too.
        ClusterGroupMembership.awaitMembers(cluster, 1, s, t, group, 0);
        try (RawGroupMember third = new RawGroupMember(cluster.node(1).tcpPort(), stream, topic, group)) {
            third.store(0, 6);
            third.store(1, 60);
            third.delete(1);
        }
        for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
            int node = n;
            assertTrue(ClusterIT.awaitTrue(() -> storedOffset(cluster, node, s, t, 0, member) == 6
                    && storedOffset(cluster, node, s, t, 1, member) == -1, REPLICATED),
                    "node" + n + " holds the offsets stored and deleted on node1");
        }
    }

    /**
     * Polls {@code count} messages with auto-commit and checks they start at {@code expectedFirst}.
     *
     * @return the offset after the last one polled
     */
    private static long pollFrom(IggyTcpClient client, StreamId s, TopicId t, long partition, Consumer consumer,
                                 long count, long expectedFirst) {
        PolledMessages polled = client.messages().pollMessages(s, t, Optional.of(partition), consumer,
                PollingStrategy.next(), count, true);
        assertEquals(count, polled.messages().size(), "messages polled from partition " + partition);
        assertEquals(BigInteger.valueOf(expectedFirst), polled.messages().get(0).header().offset(),
                consumer + " continues at its committed offset in partition " + partition);
        return expectedFirst + count;
    }

    /** @return the offset stored on node {@code n}, -1 for none */
    private static long storedOffset(ThreeNodeCluster cluster, int n, StreamId s, TopicId t, long partition,
                                     Consumer consumer) {
        IggyTcpClient client = cluster.client(n);
        try {
            return client.consumerOffsets().getConsumerOffset(s, t, Optional.of(partition), consumer)
                    .map(o -> o.storedOffset().longValueExact()).orElse(-1L);
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }
}
