package org.iggyj.kernel.storage;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.netty.buffer.ByteBuf;

/**
 * XXH3-64 with seed 0 over a byte range of a {@link ByteBuf}: the stored message checksum of Iggy 0.8.
 *
 * <p>Design note: hash4j's XXH3 is the fastest of the Java implementations measured on JDK 17
 * ({@code ChecksumBenchmark}; docs/benchmarks.md): 7-30% less CPU than zero-allocation-hashing's over
 * direct memory for 1 KiB messages, even with the copy it needs because it hashes {@code byte[]} only.
 * Bytes of direct and composite buffers are therefore copied into a per-thread scratch array first (a
 * 1 KiB copy costs about a tenth of hashing it); messages longer than the scratch go through hash4j's
 * streaming hasher in scratch-sized chunks, which gives the same value as one-shot hashing, so the
 * scratch stays bounded whatever the message size.
 *
 * <p>Thread-safe: each thread has its own scratch and stream; nothing is allocated after a thread's
 * first call.
 */
final class Xxh3Checksum {

    /** Size of each thread's scratch array, and of the chunks of longer messages. */
    static final int SCRATCH_BYTES = 64 * 1024;

    private static final Hasher64 XXH3 = Hashing.xxh3_64();
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Xxh3Checksum() {
    }

    /**
     * @param buf    the bytes; not modified, indexes unchanged
     * @param from   absolute index of the first byte hashed
     * @param length bytes hashed
     * @return the XXH3-64 (seed 0) of bytes {@code [from, from + length)}
     */
    static long of(ByteBuf buf, int from, int length) {
        if (buf.hasArray()) {
            return XXH3.hashBytesToLong(buf.array(), buf.arrayOffset() + from, length);
        }
        Scratch scratch = SCRATCH.get();
        byte[] bytes = scratch.bytes;
        if (length <= bytes.length) {
            buf.getBytes(from, bytes, 0, length);
            return XXH3.hashBytesToLong(bytes, 0, length);
        }
        HashStream64 stream = scratch.stream.reset();
        for (int done = 0; done < length; ) {
            int chunk = Math.min(bytes.length, length - done);
            buf.getBytes(from + done, bytes, 0, chunk);
            stream.putBytes(bytes, 0, chunk);
            done += chunk;
        }
        return stream.getAsLong();
    }

    /** One thread's copy buffer and streaming hasher. */
    private static final class Scratch {
        final byte[] bytes = new byte[SCRATCH_BYTES];
        final HashStream64 stream = XXH3.hashStream();
    }
}
