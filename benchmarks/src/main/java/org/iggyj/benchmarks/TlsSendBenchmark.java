package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.TlsWriteSlicer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The client's half of a TLS send, in one thread with no socket: a 1 MB send request, written as the
 * client writes it (a composite of its small header and the batch's own buffer), encrypted by the
 * client's {@code SslHandler} (OpenSSL engine when it loads) and handed out as the socket would take it.
 * {@code sliced} is what the client does ({@link TlsWriteSlicer}: one encryption pass and flush per
 * {@link TlsWriteSlicer#SLICE_BYTES} bytes); {@code whole} encrypts the request in one pass, to show what
 * the slices cost. One operation is one request encrypted.
 *
 * <p>As {@link TlsRequestBenchmark}, {@link #main} alternates the two and prints the CPU time per request
 * ({@code ThreadMXBean}), which a loaded machine disturbs much less than JMH's wall-clock scores:
 * {@code java -cp 'benchmarks/target/benchmarks/lib/*' org.iggyj.benchmarks.TlsSendBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsSendBenchmark {

    private static final int HEADER_BYTES = 40;

    @Param({"sliced", "whole"})
    String writes;

    @Param({"1048576"})
    int batchBytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EmbeddedTlsPair tls;
    private EmbeddedChannel client;
    private ByteBuf batch;

    @Setup
    public void handshake() throws Exception {
        boolean sliced = "sliced".equals(writes);
        tls = new EmbeddedTlsPair(alloc, sliced ? TlsWriteSlicer.SLICE_BYTES : HEADER_BYTES + batchBytes, null,
                sliced ? new TlsWriteSlicer() : null);
        client = tls.client;
        batch = alloc.directBuffer(batchBytes);
        for (int i = 0; i < batchBytes; i += Long.BYTES) {
            batch.writeLong(i * 0x9E3779B97F4A7C15L);
        }
    }

    @TearDown
    public void close() {
        batch.release();
        tls.close();
    }

    /** @return the encrypted bytes the request became */
    @Benchmark
    public long encrypt() {
        ByteBuf head = alloc.directBuffer(HEADER_BYTES).writeZero(HEADER_BYTES);
        client.writeAndFlush(alloc.compositeDirectBuffer(2).addComponents(true, head, batch.retainedDuplicate()));
        long bytes = 0;
        for (ByteBuf out; (out = client.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /**
     * Alternates the two ways for {@code rounds} rounds of {@code requests} requests each and prints the
     * CPU microseconds per request (mean and best).
     *
     * @param args optional: rounds, requests per round
     * @throws Exception when TLS cannot be set up
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] ways = {"sliced", "whole"};
        TlsSendBenchmark[] benches = new TlsSendBenchmark[ways.length];
        for (int i = 0; i < ways.length; i++) {
            benches[i] = new TlsSendBenchmark();
            benches[i].writes = ways[i];
            benches[i].batchBytes = 1 << 20;
            benches[i].handshake();
        }
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int k = 0; k < ways.length; k++) {
                int i = round % 2 == 0 ? ways.length - 1 - k : k;
                long total = 0;
                long best = Long.MAX_VALUE;
                for (int r = 0; r < requests; r++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    benches[i].encrypt();
                    long spent = threads.getCurrentThreadCpuTime() - t0;
                    total += spent;
                    best = Math.min(best, spent);
                }
                line.append(String.format("  %s: mean %5d us, best %5d us", ways[i], total / requests / 1000,
                        best / 1000));
            }
            System.out.println(line);
        }
        for (TlsSendBenchmark bench : benches) {
            bench.close();
        }
    }
}
