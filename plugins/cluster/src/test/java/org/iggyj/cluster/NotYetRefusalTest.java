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
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.spi.cluster.EntryData;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Ratis members on loopback: the leader's kernel refuses to order each write a few times
 * (as it does while a topic it follows is not applied yet there). The refusal is unlogged, so the
 * submitting member tries again, from a follower (through a Raft client, where the refusal arrives as
 * the client's failure) as from the leader itself; every write succeeds and is applied once, in order.
 */
class NotYetRefusalTest {

    private static final int NODES = 3;
    private static final int WRITES = 20;
    /** Refusals of each write before the leader's kernel orders it. */
    private static final int REFUSALS_PER_WRITE = 2;

    @TempDir
    Path storage;

    @Test
    void shouldRetryAWriteTheLeaderCannotOrderYet() throws Exception {
        List<List<Integer>> applied = new ArrayList<>();
        List<AtomicInteger> refusals = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            applied.add(new CopyOnWriteArrayList<>());
            refusals.add(new AtomicInteger());
        }
        try (LoopbackMembers members = new LoopbackMembers(storage, "not-yet-test", "segments", NODES,
                n -> new RefusingKernel(applied.get(n), refusals.get(n)))) {
            int leader = members.stableLeader();
            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                // alternately through a follower's Raft client and the leader's own server
                int submitter = i % 2 == 0 ? (leader + 1) % NODES : leader;
                members.get(submitter).submit(Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(0, i)))
                        .get(30, TimeUnit.SECONDS);
                sent.add(i);
            }

            assertEquals(WRITES * REFUSALS_PER_WRITE, refusals.get(leader).get(), "the leader refused each write");
            for (int n = 0; n < NODES; n++) {
                List<Integer> mine = applied.get(n);
                waitUntil(() -> writes(mine).size() >= WRITES);
                assertEquals(sent, writes(mine), "node" + n + " applied each write once, in order");
            }
        }
    }

    /** Applies entries into a list; as leader, refuses to order each write a few times first. */
    private record RefusingKernel(List<Integer> applied, AtomicInteger refusals)
            implements ReplicatedStateMachine, EntryData {

        @Override
        public CompletableFuture<Void> apply(long index, ByteBuffer entry) {
            applied.add(entry.duplicate().getInt());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public EntryData entryData() {
            return this;
        }

        @Override
        public int headerLength(ByteBuffer entry) {
            return -1;
        }

        @Override
        public void sequence(long term, long index, ByteBuffer header) {
            int value = header.duplicate().getInt();
            if (value >= 0 && refusals.get() < (value + 1) * REFUSALS_PER_WRITE) {
                refusals.incrementAndGet();
                throw new IllegalStateException("write " + value + " cannot be ordered yet");
            }
        }

        @Override
        public CompletableFuture<Void> write(long index, ByteBuffer header, ByteBuffer data) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> flush(long index) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void truncate(long index) {
        }

        @Override
        public CompletableFuture<ByteBuffer> read(long index, ByteBuffer header) {
            return CompletableFuture.failedFuture(new IllegalStateException("no entry has data here"));
        }
    }
}
