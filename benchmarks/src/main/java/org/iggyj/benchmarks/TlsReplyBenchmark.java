package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.spi.ServerTls;
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
 * One 1 MB poll reply through TLS, both ends in one thread with no socket: the server's {@code SslHandler}
 * (OpenSSL engine when it loads, as the transports use) behind a {@link TlsWriteSlicer}, then the client's
 * {@code SslHandler} decrypting what came out. Measures the engines' Java and native work per reply, which
 * the socket benchmarks cannot separate from the kernel's; {@code wrapBytes} is the plaintext one
 * encryption pass takes ({@code SslHandler.setWrapDataSize}: Netty's default 16384, or a whole slice).
 * One operation is one reply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsReplyBenchmark {

    @Param({"16384", "131072"})
    int wrapBytes;

    @Param({"1048576"})
    int replyBytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private EmbeddedTlsPair tls;
    private EmbeddedChannel server;
    private EmbeddedChannel client;
    private ByteBuf reply;
    private ByteBuf wire;

    /** What the client is handed per read, independent of how the server wrote. */
    private static final int READ_BYTES = 128 * 1024;

    @Setup
    public void handshake() throws Exception {
        tls = new EmbeddedTlsPair(alloc, wrapBytes, new TlsWriteSlicer(), null);
        server = tls.server;
        client = tls.client;
        wire = alloc.directBuffer(2 * replyBytes);
        reply = alloc.directBuffer(replyBytes);
        for (int i = 0; i < replyBytes; i += Long.BYTES) {
            reply.writeLong(i * 0x9E3779B97F4A7C15L);
        }
    }

    @TearDown
    public void close() {
        reply.release();
        wire.release();
        tls.close();
    }

    /** The server's side alone: the reply encrypted, the records dropped. */
    @Benchmark
    public long encrypt() {
        server.writeAndFlush(reply.retainedDuplicate());
        long bytes = 0;
        for (ByteBuf out; (out = server.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /**
     * Both ends: the reply encrypted, its records gathered as the socket would (one copy, standing for
     * the kernel's) and handed to the client in reads of {@value #READ_BYTES} bytes whatever the server's
     * write sizes, then decrypted.
     */
    @Benchmark
    public long encryptAndDecrypt() {
        server.writeAndFlush(reply.retainedDuplicate());
        wire.clear();
        for (ByteBuf out; (out = server.readOutbound()) != null; ) {
            wire.writeBytes(out);
            out.release();
        }
        while (wire.isReadable()) {
            client.writeInbound(wire.readRetainedSlice(Math.min(READ_BYTES, wire.readableBytes())));
        }
        return EmbeddedTlsPair.drainInbound(client);
    }

}
