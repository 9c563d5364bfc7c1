package org.iggyj.kernel.io;

import io.netty.buffer.PooledByteBufAllocator;

/**
 * The pooled allocator the kernel hands to shards and transports: Netty's pooled allocator with 16 MiB
 * chunks instead of its 4 MiB default. Thread-safe; one per process, as Netty's own default.
 *
 * <p>Design note: a request or reply of about 1 MB (the batches Iggy's clients send and poll) is a "normal"
 * allocation that no thread cache keeps (Netty caches up to 32 KiB), so it comes from a chunk of the
 * thread's arena. In a 4 MiB chunk one such buffer takes 25% of it, which moves the chunk out of the list
 * Netty never frees; once the batch's buffers are released the chunk is empty and Netty gives its memory
 * back, and the next batch allocates and zeroes a new 4 MiB chunk ({@code ByteBuffer.allocateDirect}).
 * With one batch in flight that is one chunk allocated, zeroed and freed per batch on the I/O thread (the
 * read, a TLS channel's decrypted records, the request's own buffer) and on the shard (a TLS poll's read).
 * In a 16 MiB chunk the few megabytes a batch holds at once stay below that threshold, so the chunk, and
 * its already-touched memory, is kept and reused. Setting {@code io.netty.allocator.maxOrder} still wins.
 */
public final class KernelAllocator {

    /** 8 KiB pages &lt;&lt; 11 = 16 MiB chunks. */
    static final int MAX_ORDER = 11;

    /** The process-wide instance. */
    public static final PooledByteBufAllocator POOLED = create(
            System.getProperty("io.netty.allocator.maxOrder") != null
                    ? PooledByteBufAllocator.defaultMaxOrder() : MAX_ORDER);

    private KernelAllocator() {
    }

    /**
     * @param maxOrder chunk size as a power of two of pages: Netty's default is 9 (4 MiB)
     * @return a direct-preferring pooled allocator with Netty's defaults but the chunk size
     */
    static PooledByteBufAllocator create(int maxOrder) {
        return new PooledByteBufAllocator(true, PooledByteBufAllocator.defaultNumHeapArena(),
                PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(), maxOrder,
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                PooledByteBufAllocator.defaultUseCacheForAllThreads());
    }
}
