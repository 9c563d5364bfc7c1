package org.iggyj.cluster;

import static org.iggyj.cluster.LoopbackMembers.waitUntil;
import static org.iggyj.cluster.LoopbackMembers.writes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        List<List<Integer>> applied = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            applied.add(new CopyOnWriteArrayList<>());
        }
        // whole entries: the writes' path through the Raft client is what is tested
        try (LoopbackMembers members = new LoopbackMembers(storage, "hand-over-test", "raft_log", NODES, n -> (index, entry) -> {
            applied.get(n).add(entry.duplicate().getInt());
            return CompletableFuture.completedFuture(null);
        })) {
            int leader = members.stableLeader();
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
        }
    }
}
