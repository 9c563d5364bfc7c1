package org.iggyj.cluster;

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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.iggyj.spi.cluster.ReplicationStatus;
import org.iggyj.spi.cluster.Replicator;

/**
 * Real Ratis members on loopback ports in one JVM, each over its own state machine, for tests of the
 * write path between members. Probe entries hold a negative int, so tests can tell them from theirs.
 */
final class LoopbackMembers implements AutoCloseable {

    private final List<Replicator> members = new ArrayList<>();

    /**
     * @param storage      a directory for the members' storage
     * @param group        the cluster's name
     * @param messageBytes {@code replication.message_bytes} ({@code raft_log} or {@code segments})
     * @param kernels      the state machine of member n
     */
    LoopbackMembers(Path storage, String group, String messageBytes, int count, IntFunction<ReplicatedStateMachine> kernels)
            throws IOException {
        int[] ports = new int[count];
        for (int n = 0; n < count; n++) {
            ports[n] = freePort();
        }
        try {
            for (int n = 0; n < count; n++) {
                Map<String, String> values = new HashMap<>(Map.of(
                        "name", group,
                        "node.current.name", "node" + n,
                        "node.current.ip", "127.0.0.1",
                        "node.current.ports.replication", String.valueOf(ports[n]),
                        "replication.snapshot_threshold", "0",
                        "replication.message_bytes", messageBytes));
                for (int m = 0, other = 0; m < count; m++) {
                    if (m != n) {
                        values.put("node.others." + other + ".name", "node" + m);
                        values.put("node.others." + other + ".ip", "127.0.0.1");
                        values.put("node.others." + other + ".ports.replication", String.valueOf(ports[m]));
                        other++;
                    }
                }
                Path dir = Files.createDirectories(storage.resolve("node" + n));
                members.add(new RatisReplicationProvider().start(
                        new TestReplicationContext(new MapConfig(values), dir, false, kernels.apply(n))));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Replicator get(int n) {
        return members.get(n);
    }

    int size() {
        return members.size();
    }

    /** @return the leader once it has committed a probe entry of its own term and still leads after it */
    int stableLeader() throws Exception {
        while (true) {
            waitUntil(() -> leader() >= 0);
            int leader = leader();
            members.get(leader).submit(Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(0, -1)))
                    .get(30, TimeUnit.SECONDS);
            if (leader() == leader) {
                return leader;
            }
        }
    }

    private int leader() {
        for (int n = 0; n < members.size(); n++) {
            if (members.get(n).status().role() == ReplicationStatus.LEADER) {
                return n;
            }
        }
        return -1;
    }

    /** @return the test's own values among what a member applied (without the probes) */
    static List<Integer> writes(List<Integer> applied) {
        return applied.stream().filter(v -> v >= 0).toList();
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Replicator member : members) {
            member.close();
        }
    }
}
