package org.iggyj.benchmarks;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.openhft.hashing.LongHashFunction;
import org.iggyj.kernel.storage.MessageFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message XXH3-64 checksum of the append path, by implementation. A stored message's checksum
 * covers its header after the checksum field and its payload: 56 + payload bytes. Batches arrive in
 * pooled direct buffers. One operation is one message.
 *
 * <ul>
 *   <li>{@code kernelDirect}: what the kernel runs, {@link MessageFrame#checksum} on a direct buffer
 *       (hash4j over a copy of the bytes in a per-thread scratch array);</li>
 *   <li>{@code zeroAllocationDirect}: zero-allocation-hashing over the direct buffer's memory address, what
 *       the kernel ran before;</li>
 *   <li>{@code zeroAllocationHeap}, {@code hash4jHeap}: both libraries over a {@code byte[]}.</li>
 * </ul>
 *
 * <p>Run with {@code -p payloadBytes=100,1024}; under load from other processes prefer the ratios
 * of one run to absolute numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ChecksumBenchmark {

    private static final LongHashFunction ZERO_ALLOCATION = LongHashFunction.xx3();
    private static final Hasher64 HASH4J = Hashing.xxh3_64();

    /** Payload bytes of the message. */
    @Param({"100", "1024", "16384"})
    int payloadBytes;

    private ByteBuf direct;
    private byte[] heap;
    private int frameLength;

    @Setup(Level.Trial)
    public void fill() {
        frameLength = MessageFrame.HEADER_LENGTH + payloadBytes;
        heap = new byte[frameLength];
        ThreadLocalRandom.current().nextBytes(heap);
        direct = PooledByteBufAllocator.DEFAULT.directBuffer(frameLength);
        direct.writeBytes(heap);
    }

    @TearDown(Level.Trial)
    public void release() {
        direct.release();
    }

    @Benchmark
    public long kernelDirect() {
        return MessageFrame.checksum(direct, 0, frameLength);
    }

    @Benchmark
    public long zeroAllocationDirect() {
        return ZERO_ALLOCATION.hashMemory(direct.memoryAddress() + MessageFrame.CHECKSUM_START,
                frameLength - MessageFrame.CHECKSUM_START);
    }

    @Benchmark
    public long zeroAllocationHeap() {
        return ZERO_ALLOCATION.hashBytes(heap, MessageFrame.CHECKSUM_START, frameLength - MessageFrame.CHECKSUM_START);
    }

    @Benchmark
    public long hash4jHeap() {
        return HASH4J.hashBytesToLong(heap, MessageFrame.CHECKSUM_START, frameLength - MessageFrame.CHECKSUM_START);
    }

}
