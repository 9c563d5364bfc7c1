package org.iggyj.kernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class KernelAllocatorTest {

    private static final int BATCH_BYTES = 1 << 20;

    /**
     * One batch in flight on a TLS connection: the read, the decrypted records and the request's own buffer
     * are alive together, then all released. Returns the chunk memory the allocator holds after each batch.
     */
    private static long[] heldAfterEachBatch(PooledByteBufAllocator alloc, int batches) {
        long[] held = new long[batches];
        for (int i = 0; i < batches; i++) {
            ByteBuf read = alloc.directBuffer(BATCH_BYTES);
            ByteBuf decrypted = alloc.directBuffer(BATCH_BYTES);
            ByteBuf request = alloc.directBuffer(BATCH_BYTES + 64);
            request.writeZero(BATCH_BYTES);
            read.release();
            decrypted.release();
            request.release();
            held[i] = alloc.metric().usedDirectMemory();
        }
        return held;
    }

    @Test
    void keepsItsChunkAcrossBatchesOfAMegabyte() {
        long[] held = heldAfterEachBatch(KernelAllocator.create(KernelAllocator.MAX_ORDER), 20);
        for (long bytes : held) {
            assertEquals(16 << 20, bytes, "one 16 MiB chunk, kept and reused by every batch");
        }
    }

    @Test
    void nettysDefaultChunkIsFreedAfterEveryBatchWhichIsWhyTheKernelDoesNotUseIt() {
        long[] held = heldAfterEachBatch(KernelAllocator.create(PooledByteBufAllocator.defaultMaxOrder()), 5);
        for (long bytes : held) {
            assertEquals(0, bytes, "the 4 MiB chunk is given back once the batch is released");
        }
    }

    @Test
    void isTheKernelsInstanceAndPrefersDirectBuffers() {
        ByteBuf buffer = KernelAllocator.POOLED.buffer(BATCH_BYTES);
        try {
            assertEquals(true, buffer.isDirect());
            assertEquals(16 << 20, KernelAllocator.POOLED.metric().chunkSize());
        } finally {
            buffer.release();
        }
    }
}
