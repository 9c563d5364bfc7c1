package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.StorageConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The append path of a partition as its shard runs it: stamp offsets, timestamps, ids and XXH3
 * checksums into the batch in place, write it to the active segment with one gathering write and its
 * index entries with another ({@link PartitionLog#append}). No fsync: that is the disk's cost, measured
 * by the comparison script. The log lives in a temporary directory and is purged before every
 * iteration so the disk does not fill up. One operation is one batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {

    private static final long SEGMENT_BYTES = 1L << 30;

    @Param({"1000"})
    int messages;

    @Param({"1024"})
    int payloadBytes;

    private Path dir;
    private PartitionLog log;
    private ByteBuf batch;
    private int batchStart;
    private long timestampUs;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("iggyj-append-bench");
        log = PartitionLog.open(dir.resolve("partition"), new StorageConfig(SEGMENT_BYTES, false, false));
        batch = Batches.messageFrames(messages, payloadBytes);
        batchStart = batch.readerIndex();
    }

    @Setup(Level.Iteration)
    public void purge() throws IOException {
        log.purge();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        batch.release();
        log.delete();
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public long append() throws IOException {
        batch.readerIndex(batchStart);
        return log.append(batch, messages, ++timestampUs);
    }
}
