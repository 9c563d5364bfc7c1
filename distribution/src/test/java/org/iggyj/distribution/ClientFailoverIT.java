package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.client.ClientIo;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.client.NodeAddress;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.response.PolledMessagesReader;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean client ({@link FailoverConnection}, used by the CLI and iggy-bench) on a real 3-node cluster:
 * asked to prefer the leader it finds it through get_cluster_metadata; connected to a follower that is
 * SIGKILLed, it goes on on another node, and every acknowledged send is there once.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(NodeLogsOnFailure.class)
class ClientFailoverIT {

    private static final Identifier STREAM = Identifier.named("client-failover");
    private static final Identifier TOPIC = Identifier.named("numbers");
    private static final int BATCHES_PER_PHASE = 20;
    private static final int BATCH = 10;

    @TempDir
    Path tempDir;

    @Test
    void shouldFindTheLeaderAndGoOnOnAnotherNodeWhenItsNodeIsKilled() throws Exception {
        try (ThreeNodeCluster cluster = ThreeNodeCluster.create(tempDir, false)) {
            cluster.startAll();
            assertTrue(cluster.awaitReady(Duration.ofSeconds(180)), cluster::logs);
            int leader = cluster.leaderSeenByAll();
            int follower = (leader + 1) % ThreeNodeCluster.SIZE;
            int other = (leader + 2) % ThreeNodeCluster.SIZE;
            List<NodeAddress> nodes = List.of(address(cluster, follower), address(cluster, other),
                    address(cluster, leader));
            FailoverConnection.Login root = FailoverConnection.Login.user("iggy", "iggy");

            try (FailoverConnection preferring = FailoverConnection.connect(ClientIo.shared(), nodes,
                    FailoverConnection.Options.tcp().preferringLeader(true), root)) {
                assertEquals(address(cluster, leader), preferring.node(), cluster::logs);
            }

            try (FailoverConnection c = FailoverConnection.connect(ClientIo.shared(), nodes,
                    FailoverConnection.Options.tcp(), root)) {
                assertEquals(address(cluster, follower), c.node());
                c.current().createStream("client-failover");
                c.current().createTopic(STREAM, 1, "numbers");
                List<Integer> acknowledged = new ArrayList<>();
                int inDoubt = send(c, 0, acknowledged);
                assertEquals(0, inDoubt, "nothing in doubt before the kill");

                cluster.node(follower).kill();
                inDoubt = send(c, BATCHES_PER_PHASE, acknowledged);

                assertEquals(1, c.failovers(), cluster::logs);
                assertNotEquals(address(cluster, follower), c.node());
                assertTrue(acknowledged.size() >= (2 * BATCHES_PER_PHASE - 1) * BATCH, "in doubt: " + inDoubt);
                assertAcknowledgedOnceInOrder(c, acknowledged, inDoubt);
            }
        }
    }

    /** Sends numbered batches; @return how many were left in doubt */
    private static int send(FailoverConnection c, int firstBatch, List<Integer> acknowledged) {
        int inDoubt = 0;
        for (int b = firstBatch; b < firstBatch + BATCHES_PER_PHASE; b++) {
            List<MessageDraft> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(MessageDraft.of(Integer.toString(b * BATCH + i).getBytes(StandardCharsets.US_ASCII)));
            }
            try {
                c.sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batch);
                for (int i = 0; i < BATCH; i++) {
                    acknowledged.add(b * BATCH + i);
                }
            } catch (InDoubtException e) {
                inDoubt++;
            }
        }
        return inDoubt;
    }

    private static void assertAcknowledgedOnceInOrder(FailoverConnection c, List<Integer> acknowledged,
                                                      int inDoubt) throws InterruptedException {
        // the node the client moved to may be a heartbeat behind the node that acknowledged
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int stored;
        do {
            stored = c.pollMessages(Consumer.consumer(Identifier.numeric(1)), STREAM, TOPIC, 0,
                    PollingStrategy.offset(0), 10_000, false).count();
            if (stored >= acknowledged.size()) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertTrue(stored >= acknowledged.size() && stored <= acknowledged.size() + inDoubt * BATCH,
                "stored " + stored + ", acknowledged " + acknowledged.size() + ", batches in doubt " + inDoubt);
        byte[] raw = c.idempotent(conn -> conn.pollMessagesRaw(Consumer.consumer(Identifier.numeric(1)), STREAM,
                TOPIC, 0, PollingStrategy.offset(0), 10_000, false));
        List<Integer> seen = new ArrayList<>();
        for (PolledMessagesReader.Message m : PolledMessagesReader.read(Unpooled.wrappedBuffer(raw)).messages()) {
            seen.add(Integer.valueOf(new String(m.payload(), StandardCharsets.US_ASCII)));
        }
        seen.retainAll(acknowledged);
        assertEquals(acknowledged, seen, "every acknowledged number once, in order");
    }

    private static NodeAddress address(ThreeNodeCluster cluster, int i) {
        return new NodeAddress("127.0.0.1", cluster.node(i).tcpPort());
    }
}
