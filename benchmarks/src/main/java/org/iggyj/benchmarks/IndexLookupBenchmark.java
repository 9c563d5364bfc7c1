package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.RegionRead;
import org.iggyj.kernel.storage.StorageConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Finding messages in a partition of 1,000,000 small messages over 8 segments (7 sealed with
 * memory-mapped indexes, the active one in memory): by offset, as every poll does (segment by binary
 * search, then its index entry; the result is a file region, nothing read), and by timestamp (binary
 * search over the index timestamps). Lookups go to precomputed random targets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndexLookupBenchmark {

    private static final int MESSAGES = 1_000_000;
    private static final int BATCH = 1000;
    private static final int PAYLOAD_BYTES = 16;
    private static final int TARGETS = 1 << 16;

    private Path dir;
    private PartitionLog log;
    private final long[] offsets = new long[TARGETS];
    private final long[] timestamps = new long[TARGETS];
    private int next;

    @Setup
    public void fill() throws IOException {
        dir = Files.createTempDirectory("iggyj-index-bench");
        int messageBytes = 64 + PAYLOAD_BYTES;
        long segmentBytes = (long) MESSAGES * messageBytes / 8 + 1;
        log = PartitionLog.open(dir.resolve("partition"), new StorageConfig(segmentBytes, false, false));
        ByteBuf batch = Batches.messageFrames(BATCH, PAYLOAD_BYTES);
        try {
            int start = batch.readerIndex();
            for (int i = 0; i < MESSAGES / BATCH; i++) {
                batch.readerIndex(start);
                log.append(batch, BATCH, 1_000L * i);
            }
        } finally {
            batch.release();
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < TARGETS; i++) {
            offsets[i] = random.nextLong(MESSAGES);
            timestamps[i] = random.nextLong(1_000L * (MESSAGES / BATCH));
        }
    }

    @TearDown
    public void delete() throws IOException {
        log.delete();
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public long byOffset() throws IOException {
        RegionRead read = log.readRegions(offsets[next++ & (TARGETS - 1)], 1);
        for (FileRegion region : read.regions()) {
            region.release();
        }
        return read.bytes();
    }

    @Benchmark
    public long byTimestamp() throws IOException {
        return log.offsetAtOrAfterTimestamp(timestamps[next++ & (TARGETS - 1)]);
    }
}
