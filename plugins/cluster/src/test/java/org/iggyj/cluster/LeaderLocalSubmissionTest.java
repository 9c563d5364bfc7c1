package org.iggyj.cluster;

import static org.iggyj.cluster.LoopbackMembers.freePort;
import static org.iggyj.cluster.LoopbackMembers.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.iggyj.spi.cluster.ReplicationContext;
import org.iggyj.spi.cluster.ReplicationStatus;
import org.iggyj.spi.cluster.Replicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-node Raft group (a real Ratis server on a loopback port, its log in a temp directory): once
 * the node leads, its writes go into its own server in-process; the pooled buffer is given back at
 * once (Ratis holds a copy), and every entry is applied once, in submission order, intact.
 */
class LeaderLocalSubmissionTest {

    private static final int ENTRIES = 200;
    private static final int ENTRY_BYTES = 64 * 1024;

    @TempDir
    Path storage;

    @Test
    void shouldApplyEveryEntryOnceInOrderAndReleaseThePooledBufferAtOnce() throws Exception {
        List<byte[]> applied = new CopyOnWriteArrayList<>();
        List<Long> indices = new CopyOnWriteArrayList<>();
        ReplicatedStateMachine kernel = (index, entry) -> {
            byte[] copy = new byte[entry.remaining()];
            entry.get(copy);
            applied.add(copy);
            indices.add(index);
            return CompletableFuture.completedFuture(null);
        };
        Replicator replicator = new RatisReplicationProvider().start(context(kernel, freePort()));
        try {
            waitUntil(() -> replicator.status().role() == ReplicationStatus.LEADER);
            // once an entry of its term is applied, the leader is ready and takes writes in-process
            replicator.submit(PooledByteBufAllocator.DEFAULT.heapBuffer(1).writeByte(1)).get(60, TimeUnit.SECONDS);
            waitUntil(() -> applied.size() == 1);
            applied.clear();
            indices.clear();
            PooledByteBufAllocator pool = new PooledByteBufAllocator(false);
            List<byte[]> sent = new ArrayList<>();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                byte[] bytes = new byte[ENTRY_BYTES];
                Arrays.fill(bytes, (byte) i);
                ByteBuffer.wrap(bytes).putInt(i);
                sent.add(bytes);
                ByteBuf entry = pool.heapBuffer(ENTRY_BYTES).writeBytes(bytes);
                futures.add(replicator.submit(entry));
                assertEquals(0, entry.refCnt(), "the leader gives the pooled buffer back before the commit");
                // the pool hands the same memory out again: overwriting it must not reach Ratis
                ByteBuf reuse = pool.heapBuffer(ENTRY_BYTES);
                reuse.writeZero(ENTRY_BYTES);
                reuse.release();
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            waitUntil(() -> applied.size() >= ENTRIES);

            assertEquals(ENTRIES, applied.size());
            for (int i = 0; i < ENTRIES; i++) {
                assertArrayEquals(sent.get(i), applied.get(i), "entry " + i);
            }
            for (int i = 1; i < indices.size(); i++) {
                assertTrue(indices.get(i) > indices.get(i - 1), "log indices increase");
            }
        } finally {
            replicator.close();
        }
    }

    private ReplicationContext context(ReplicatedStateMachine kernel, int port) {
        KernelConfig cluster = new MapConfig(Map.of(
                "name", "local-submission-test",
                "node.current.name", "node1",
                "node.current.ip", "127.0.0.1",
                "node.current.ports.replication", String.valueOf(port),
                "replication.snapshot_threshold", "0",
                // whole entries: the in-process submission of the entry's bytes is what is tested
                "replication.message_bytes", "raft_log"));
        return new TestReplicationContext(cluster, storage, true, kernel);
    }
}
