package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.wire.RequestFrameDecoder;
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
 * One 1 MB send request through TLS into the server, in one thread with no socket: the client's
 * {@code SslHandler} and {@link TlsWriteSlicer} encrypt it, and the server's {@code SslHandler} (OpenSSL
 * engine when it loads) and {@link RequestFrameDecoder} take the records in reads of {@code readBytes},
 * as the socket would hand them over: 65536 is Netty's default largest read, 1048576 what a TLS server
 * channel reads since {@link ServerTls#sizeReads}. One operation is one request, decrypted and framed.
 *
 * <p>On a loaded machine JMH's wall-clock scores drown in the noise; {@link #main} instead alternates the
 * read sizes and prints the CPU time of the server's part per request ({@code ThreadMXBean}), which the
 * load disturbs much less:
 * {@code java -cp 'benchmarks/target/benchmarks/lib/*' org.iggyj.benchmarks.TlsRequestBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsRequestBenchmark {

    private static final int SEND_MESSAGES = 101;

    @Param({"65536", "1048576"})
    int readBytes;

    @Param({"1048576"})
    int requestBytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EmbeddedTlsPair tls;
    private EmbeddedChannel server;
    private EmbeddedChannel client;
    private ByteBuf request;
    private ByteBuf wire;

    @Setup
    public void handshake() throws Exception {
        tls = new EmbeddedTlsPair(alloc, TlsWriteSlicer.SLICE_BYTES,
                new RequestFrameDecoder(new FrameLimits(1 << 20, 64 << 20)), new TlsWriteSlicer());
        server = tls.server;
        client = tls.client;
        wire = alloc.directBuffer(2 * requestBytes);
        request = alloc.directBuffer(8 + requestBytes);
        request.writeIntLE(4 + requestBytes).writeIntLE(SEND_MESSAGES);
        for (int i = 0; i < requestBytes; i += Long.BYTES) {
            request.writeLong(i * 0x9E3779B97F4A7C15L);
        }
    }

    @TearDown
    public void close() {
        request.release();
        wire.release();
        tls.close();
    }

    /** The client's side: the request encrypted, its records gathered as the socket would (one copy). */
    void encrypt() {
        client.writeAndFlush(request.retainedDuplicate());
        wire.clear();
        for (ByteBuf out; (out = client.readOutbound()) != null; ) {
            wire.writeBytes(out);
            out.release();
        }
    }

    /** The server's side: the records handed over in reads of {@link #readBytes}, decrypted and framed. */
    long receive() {
        while (wire.isReadable()) {
            ByteBuf read = alloc.directBuffer(Math.min(readBytes, wire.readableBytes()));
            wire.readBytes(read);
            server.writeInbound(read);
        }
        return EmbeddedTlsPair.drainInbound(server);
    }

    @Benchmark
    public long encryptAndReceive() {
        encrypt();
        return receive();
    }

    /**
     * Alternates the read sizes for {@code rounds} rounds of {@code requests} requests each and prints the
     * server side's CPU microseconds per request (mean and best).
     *
     * @param args optional: rounds, requests per round
     * @throws Exception when TLS cannot be set up
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] sizes = {65536, 1048576};
        TlsRequestBenchmark[] benches = new TlsRequestBenchmark[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            benches[i] = new TlsRequestBenchmark();
            benches[i].readBytes = sizes[i];
            benches[i].requestBytes = 1 << 20;
            benches[i].handshake();
        }
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int k = 0; k < sizes.length; k++) {
                int i = round % 2 == 0 ? sizes.length - 1 - k : k;
                long total = 0;
                long best = Long.MAX_VALUE;
                for (int r = 0; r < requests; r++) {
                    benches[i].encrypt();
                    long t0 = threads.getCurrentThreadCpuTime();
                    benches[i].receive();
                    long spent = threads.getCurrentThreadCpuTime() - t0;
                    total += spent;
                    best = Math.min(best, spent);
                }
                line.append(String.format("  reads of %7d: mean %5d us, best %5d us", sizes[i],
                        total / requests / 1000, best / 1000));
            }
            System.out.println(line);
        }
        for (TlsRequestBenchmark bench : benches) {
            bench.close();
        }
    }

}
