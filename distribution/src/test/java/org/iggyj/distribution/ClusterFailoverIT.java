package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster leader is SIGKILLed while a writer, connected with the official SDK to a follower,
 * streams numbered messages with {@code enforce_fsync = true}. Every acknowledged message must be on
 * both survivors exactly once and in order (a message whose send failed may be there or not: a
 * timeout is ambiguous), and on the killed node after it restarts and catches up. Prints the
 * failover time: from the kill to the first acknowledged send after it.
 */
@Timeout(600)
class ClusterFailoverIT {

    private static final int ACKS_AFTER_KILL = 50;

    @TempDir
    Path tempDir;

    @Test
    void shouldKeepEveryAcknowledgedMessageWhenTheLeaderIsKilled() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.create(tempDir, true)) {
            cluster.startAll();
            assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
            int leader = cluster.leaderSeenByAll();
            int writerNode = (leader + 1) % ThreeNodeCluster.SIZE;
            IggyTcpClient writer = cluster.client(writerNode);
            writer.streams().createStream("numbers");
            writer.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                    BigInteger.ZERO, Optional.empty(), "n");

            Set<Long> acked = ConcurrentHashMap.newKeySet();
            Set<Long> failed = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong killedAtNs = new AtomicLong();
            AtomicLong firstAckAfterKillNs = new AtomicLong();
            AtomicInteger acksAfterKill = new AtomicInteger();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    try {
                        writer.messages().sendMessages(StreamId.of(0L), TopicId.of(0L), Partitioning.partitionId(0L),
                                List.of(Message.of("n-" + seq)));
                        acked.add(seq);
                        long killed = killedAtNs.get();
                        if (killed != 0 && acksAfterKill.incrementAndGet() == 1) {
                            firstAckAfterKillNs.set(System.nanoTime());
                        }
                    } catch (RuntimeException e) {
                        failed.add(seq);
                    }
                }
            });
            assertTrue(ClusterIT.awaitTrue(() -> acked.size() >= 50, Duration.ofSeconds(120)), cluster::logs);
            killedAtNs.set(System.nanoTime());
            cluster.node(leader).kill();
            boolean recovered = ClusterIT.awaitTrue(() -> acksAfterKill.get() >= ACKS_AFTER_KILL,
                    Duration.ofSeconds(120));
            stop.set(true);
            writing.get(60, TimeUnit.SECONDS);
            CompletableFuture.runAsync(writer::close);
            assertTrue(recovered, () -> "no acknowledged send after the leader was killed" + cluster.logs());
            long failoverMs = TimeUnit.NANOSECONDS.toMillis(firstAckAfterKillNs.get() - killedAtNs.get());
            System.out.println("CLUSTER FAILOVER: leader kill -> first acknowledged send on the new leader = "
                    + failoverMs + " ms (" + acked.size() + " acknowledged, " + failed.size() + " failed sends)");

            List<Long> reference = null;
            for (int n = 0; n < ThreeNodeCluster.SIZE; n++) {
                if (n == leader) {
                    continue;
                }
                List<Long> numbers = numbersOn(cluster, n, acked.size());
                assertHistory(numbers, acked, failed, "survivor node" + n);
                if (reference == null) {
                    reference = numbers;
                } else {
                    assertEquals(reference, numbers, "the survivors disagree");
                }
            }

            cluster.node(leader).start();
            assertTrue(cluster.node(leader).await(cluster.node(leader)::tcpAccepts, Duration.ofSeconds(120)),
                    cluster::logs);
            List<Long> caughtUp = numbersOn(cluster, leader, reference.size());
            assertEquals(reference, caughtUp, "the restarted node did not catch up to the same history");
        }
    }

    private static List<Long> numbersOn(ThreeNodeCluster cluster, int node, int atLeast) throws Exception {
        IggyTcpClient client = cluster.client(node);
        try {
            List<Long> numbers = new ArrayList<>();
            for (ClusterIT.Polled m : ClusterIT.awaitCount(client, 0, 0, atLeast)) {
                numbers.add(Long.parseLong(m.payload().substring(2)));
            }
            return numbers;
        } finally {
            CompletableFuture.runAsync(client::close);
        }
    }

    private static void assertHistory(List<Long> numbers, Set<Long> acked, Set<Long> failed, String where) {
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1),
                    where + ": out of order or duplicated at position " + i + ": " + numbers.get(i - 1)
                            + " then " + numbers.get(i));
        }
        Set<Long> present = Set.copyOf(numbers);
        for (long seq : acked) {
            assertTrue(present.contains(seq), where + ": acknowledged message " + seq + " is missing");
        }
        for (long seq : numbers) {
            assertTrue(acked.contains(seq) || failed.contains(seq), where + ": " + seq + " was never sent");
        }
    }
}
