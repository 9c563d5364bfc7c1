package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.iggyj.spi.cluster.ReplicationContext;
import org.iggyj.spi.cluster.ReplicationStatus;
import org.iggyj.spi.cluster.Replicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Ratis members on loopback (in one JVM): writers on a follower keep one entry in flight
 * each while the leader is closed (a planned stop, which hands the leadership over first). The leader
 * refuses writes while it steps down, and Ratis's asynchronous client does not retry that refusal;
 * the follower's member sends such an entry again, so no write fails, and the survivors apply every
 * entry once, in order.
 */
class HandOverRefusalTest {

    private static final int NODES = 3;
    private static final int ACKS_BEFORE_STOP = 50;
    private static final int ACKS_AFTER_STOP = 50;
    /** Writers on the follower, one write in flight each: more of them meet the leader's short refusal. */
    private static final int WRITERS = 4;
    private static final int WRITER_SPAN = 1_000_000;

    @TempDir
    Path storage;

    @Test
    void shouldRetryAWriteTheSteppingDownLeaderRefused() throws Exception {
        int[] ports = new int[NODES];
        for (int n = 0; n < NODES; n++) {
            ports[n] = freePort();
        }
        List<List<Integer>> applied = new ArrayList<>();
        List<Replicator> members = new ArrayList<>();
        try {
            for (int n = 0; n < NODES; n++) {
                List<Integer> mine = new CopyOnWriteArrayList<>();
                applied.add(mine);
                ReplicatedStateMachine kernel = (index, entry) -> {
                    mine.add(entry.duplicate().getInt());
                    return CompletableFuture.completedFuture(null);
                };
                members.add(new RatisReplicationProvider().start(context(kernel, n, ports)));
            }
            int leader = stableLeader(members);
            Replicator writerNode = members.get((leader + 1) % NODES);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger acked = new AtomicInteger();
            int[] sent = new int[WRITERS];
            List<String> failures = new CopyOnWriteArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        int value = writer * WRITER_SPAN + i;
                        try {
                            writerNode.submit(Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(0, value)))
                                    .get(30, TimeUnit.SECONDS);
                            acked.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(value + ": " + e);
                        }
                        sent[writer] = i + 1;
                    }
                }, "hand-over-writer-" + w));
            }
            writers.forEach(Thread::start);
            try {
                waitUntil(() -> acked.get() >= ACKS_BEFORE_STOP);
                members.get(leader).close();
                int atStop = acked.get();
                waitUntil(() -> acked.get() >= atStop + ACKS_AFTER_STOP);
            } finally {
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join(60_000);
                }
            }

            assertEquals(List.of(), failures, "writes failed while the leader handed over");
            for (int n = 0; n < NODES; n++) {
                if (n != leader) {
                    List<Integer> mine = applied.get(n);
                    waitUntil(() -> writes(mine).size() >= acked.get());
                    for (int w = 0; w < WRITERS; w++) {
                        List<Integer> expected = new ArrayList<>();
                        for (int i = 0; i < sent[w]; i++) {
                            expected.add(w * WRITER_SPAN + i);
                        }
                        int from = w * WRITER_SPAN;
                        assertEquals(expected, writes(mine).stream().filter(v -> v >= from && v < from + WRITER_SPAN)
                                .toList(), "node" + n + " applied each of writer " + w + "'s writes once, in order");
                    }
                }
            }
        } finally {
            for (Replicator member : members) {
                member.close();
            }
        }
    }

    /** @return the leader once it has committed a write of its own term and still leads after it */
    private static int stableLeader(List<Replicator> members) throws Exception {
        while (true) {
            waitUntil(() -> leader(members) >= 0);
            int leader = leader(members);
            // the value -1 is never one the writer sends: the survivors' lists below start at 0
            members.get(leader).submit(Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(0, -1)))
                    .get(30, TimeUnit.SECONDS);
            if (leader(members) == leader) {
                return leader;
            }
        }
    }

    /** @return the writer's values among what a member applied (without the probes) */
    private static List<Integer> writes(List<Integer> applied) {
        return applied.stream().filter(v -> v >= 0).toList();
    }

    private static int leader(List<Replicator> members) {
        for (int n = 0; n < members.size(); n++) {
            if (members.get(n).status().role() == ReplicationStatus.LEADER) {
                return n;
            }
        }
        return -1;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ReplicationContext context(ReplicatedStateMachine kernel, int self, int[] ports) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of(
                "name", "hand-over-test",
                "node.current.name", "node" + self,
                "node.current.ip", "127.0.0.1",
                "node.current.ports.replication", String.valueOf(ports[self]),
                "replication.snapshot_threshold", "0",
                // whole entries: the writes' path through the Raft client is what is tested
                "replication.message_bytes", "raft_log"));
        for (int n = 0, other = 0; n < NODES; n++) {
            if (n != self) {
                values.put("node.others." + other + ".name", "node" + n);
                values.put("node.others." + other + ".ip", "127.0.0.1");
                values.put("node.others." + other + ".ports.replication", String.valueOf(ports[n]));
                other++;
            }
        }
        KernelConfig cluster = new MapConfig(values);
        Path dir = Files.createDirectories(storage.resolve("node" + self));
        return new TestReplicationContext(cluster, dir, false, kernel);
    }
}
