package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.request.SendMessagesRequest;
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
 * What the server does with a send_messages payload before it reaches the partition: decode the
 * metadata and the index table and validate every message frame against it
 * ({@link SendMessagesRequest#decode}, a flyweight over the received buffer, nothing copied).
 * One operation is one batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchCodecBenchmark {

    @Param({"1000"})
    int messages;

    @Param({"1024"})
    int payloadBytes;

    private ByteBuf payload;

    @Setup
    public void encode() {
        payload = Batches.sendPayload(messages, payloadBytes);
    }

    @TearDown
    public void release() {
        payload.release();
    }

    @Benchmark
    public int decodeAndValidate() {
        payload.readerIndex(0);
        return SendMessagesRequest.decode(payload).messagesCount();
    }
}
