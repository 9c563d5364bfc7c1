package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.iggyj.kernel.io.KernelAllocator;
import org.iggyj.protocol.TlsWriteSlicer;
import org.iggyj.spi.ReadableFileRegion;
import org.iggyj.spi.wire.TlsRegionReader;

/**
 * The server's half of a 1 MiB TLS poll reply, reading the stored messages included, in one thread with no
 * socket: {@code owner} reads the whole range from the file into one pooled direct buffer (what the
 * partition's owner did for a TLS channel) and writes it through the {@link TlsWriteSlicer} and the
 * {@code SslHandler}; {@code regions} writes the range as a file region, read 128 KiB at a time by the
 * {@link TlsRegionReader} right before each slice is encrypted (what a TLS channel does now);
 * {@code regions-1MiB-reads} has the reader read the whole range at once (the slicer then cuts it), which
 * separates the cost of eight reads from the cost of reading on this thread. The file is in the page cache,
 * as a consumer at the head of a partition finds it.
 *
 * <p>{@link #main} rotates the three and prints the CPU time per reply ({@code ThreadMXBean}), which a
 * loaded machine disturbs much less than wall-clock scores: {@code java -cp
 * 'benchmarks/target/benchmarks/lib/*' org.iggyj.benchmarks.TlsPollBenchmark [rounds] [replies]}.
 */
public final class TlsPollBenchmark {

    private static final int REPLY_BYTES = 1 << 20;

    private final ByteBufAllocator alloc = KernelAllocator.POOLED;
    private final boolean regions;
    private final EmbeddedTlsPair tls;
    private final FileChannel file;

    private TlsPollBenchmark(boolean regions, int readBytes, Path path) throws Exception {
        this.regions = regions;
        this.tls = new EmbeddedTlsPair(alloc, TlsWriteSlicer.SLICE_BYTES, new TlsWriteSlicer(), null);
        if (regions) {
            tls.server.pipeline().addLast(new TlsRegionReader(readBytes));
        }
        this.file = FileChannel.open(path, StandardOpenOption.READ);
    }

    /** @return the encrypted bytes of one reply, dropped */
    private long reply() throws IOException {
        EmbeddedChannel server = tls.server;
        if (regions) {
            server.writeAndFlush(new Region(file, REPLY_BYTES));
        } else {
            ByteBuf messages = alloc.directBuffer(REPLY_BYTES, REPLY_BYTES);
            ByteBuffer target = messages.nioBuffer(0, REPLY_BYTES);
            while (target.hasRemaining()) {
                file.read(target, target.position());
            }
            messages.writerIndex(REPLY_BYTES);
            server.writeAndFlush(messages);
        }
        long bytes = 0;
        for (ByteBuf out; (out = server.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    private void close() throws IOException {
        tls.close();
        file.close();
    }

    /** The kernel's segment regions in short: positional reads of a file channel, which stays open. */
    private static final class Region extends DefaultFileRegion implements ReadableFileRegion {

        private final FileChannel channel;

        Region(FileChannel channel, long count) {
            super(channel, 0, count);
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer target, long offset) throws IOException {
            return channel.read(target, offset);
        }

        @Override
        protected void deallocate() {
            // the benchmark's file stays open
        }
    }

    /**
     * @param args optional: rounds, replies per round
     * @throws Exception when TLS or the file cannot be set up
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int replies = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path path = Files.createTempFile("tls-poll", ".log");
        try {
            byte[] bytes = new byte[REPLY_BYTES];
            ThreadLocalRandom.current().nextBytes(bytes);
            Files.write(path, bytes);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            String[] ways = {"owner", "regions", "regions-1MiB-reads"};
            TlsPollBenchmark[] benches = {new TlsPollBenchmark(false, 0, path),
                new TlsPollBenchmark(true, TlsWriteSlicer.SLICE_BYTES, path),
                new TlsPollBenchmark(true, REPLY_BYTES, path)};
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (int k = 0; k < ways.length; k++) {
                    int i = (k + round) % ways.length;
                    long total = 0;
                    long best = Long.MAX_VALUE;
                    for (int r = 0; r < replies; r++) {
                        long t0 = threads.getCurrentThreadCpuTime();
                        if (benches[i].reply() < REPLY_BYTES) {
                            throw new IllegalStateException(ways[i] + " encrypted less than the reply");
                        }
                        long spent = threads.getCurrentThreadCpuTime() - t0;
                        total += spent;
                        best = Math.min(best, spent);
                    }
                    line.append(String.format("  %s: mean %5d us, best %5d us", ways[i], total / replies / 1000,
                            best / 1000));
                }
                System.out.println(line);
            }
            for (TlsPollBenchmark bench : benches) {
                bench.close();
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
