package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;

/**
 * Sends from several connections at once through one node, so that they queue behind each other's Raft
 * entries and are coalesced into shared entries (docs/cluster.md, "Coalesced sends"): every send is
 * acknowledged, each connection's messages are in its partition in the order it sent them, and every node
 * serves the same offsets, ids, timestamps and checksums. Runs on {@link ClusterIT}'s cluster.
 */
final class ClusterConcurrentSends {

    private static final int WRITERS = 4;
    private static final int PARTITIONS = 2;
    private static final int SENDS = 25;
    private static final int BATCH = 40;

    private ClusterConcurrentSends() {
    }

    /**
     * @param cluster the running cluster
     * @param node    the node the writers connect to
     */
    static void assertEverySendAppliedInOrderOnEveryNode(ThreeNodeCluster cluster, int node) throws Exception {
        IggyTcpClient admin = cluster.client(node);
        long stream;
        try {
            stream = admin.streams().createStream("concurrent").id();
            admin.topics().createTopic(StreamId.of(stream), (long) PARTITIONS, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "events");
        } finally {
            CompletableFuture.runAsync(admin::close);
        }
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> write(cluster.client(node), stream, writer)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
        List<List<ClusterIT.Polled>> reference = null;
        for (int reader = 0; reader < ThreeNodeCluster.SIZE; reader++) {
            IggyTcpClient client = cluster.client(reader);
            try {
                List<List<ClusterIT.Polled>> polled = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    List<ClusterIT.Polled> messages = ClusterIT.awaitCount(client, stream, p,
                            WRITERS / PARTITIONS * SENDS * BATCH);
                    assertInWriterOrder(messages, p);
                    polled.add(messages);
                }
                if (reference == null) {
                    reference = polled;
                } else {
                    assertEquals(reference, polled, "node" + reader + " serves what node0 serves");
                }
            } finally {
                CompletableFuture.runAsync(client::close);
            }
        }
    }

    /** Writer w sends to partition w % 2, each payload "w-k" numbered in its order. */
    private static void write(IggyTcpClient client, long stream, int writer) {
        try {
            for (int s = 0; s < SENDS; s++) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    batch.add(Message.of(writer + "-" + (s * BATCH + i)));
                }
                client.messages().sendMessages(StreamId.of(stream), TopicId.of(0L),
                        Partitioning.partitionId((long) (writer % PARTITIONS)), batch);
            }
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static void assertInWriterOrder(List<ClusterIT.Polled> messages, int partition) {
        assertEquals(WRITERS / PARTITIONS * SENDS * BATCH, messages.size(), "partition " + partition);
        int[] next = new int[WRITERS];
        for (int k = 0; k < messages.size(); k++) {
            ClusterIT.Polled m = messages.get(k);
            assertEquals(BigInteger.valueOf(k), m.offset());
            String[] parts = m.payload().split("-");
            int writer = Integer.parseInt(parts[0]);
            assertEquals(partition, writer % PARTITIONS, "writer " + writer + " wrote to its own partition only");
            assertEquals(next[writer], Integer.parseInt(parts[1]), "writer " + writer + "'s messages in its order");
            next[writer]++;
        }
        for (int w = partition; w < WRITERS; w += PARTITIONS) {
            assertTrue(next[w] == SENDS * BATCH, "every message of writer " + w);
        }
    }
}
