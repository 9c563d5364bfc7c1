package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.iggyj.client.PolledBatch;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.response.ResponseWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's walk over a 10 MiB poll reply (10,240 messages of 1 KiB, as iggy-bench's consumer asks per
 * poll), as the event loop runs it when a reply is complete: {@link PolledBatch#decode} against the walk
 * it replaced, which read each message's two u32 lengths separately ({@link #fourReadsPerMessage}).
 * Cold by default: no warm-up and one decode per measurement in many fresh JVMs, so the score is what the
 * first replies of a new consumer cost while their loop still runs in the interpreter and C1 code (a bench
 * run is a new JVM; its first replies fall in the timed interval). {@code -bm avgt -wi 3 -i 5} gives the
 * compiled cost. The reply lies in a direct buffer sliced past the 8-byte response header, as the
 * response handler passes it.
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks/lib/*' org.openjdk.jmh.Main PollDecodeBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 12, batchSize = 1)
@Fork(8)
public class PollDecodeBenchmark {

    private static final int MESSAGES = 10_240;
    private static final int PAYLOAD_BYTES = 1024;

    private ByteBuf frame;
    private ByteBuf reply;

    @Setup
    public void fill() {
        int messageBytes = MessageLayout.HEADER_LENGTH + PAYLOAD_BYTES;
        frame = ByteBufAllocator.DEFAULT.directBuffer(8 + 16 + MESSAGES * messageBytes);
        frame.writeLongLE(0);
        ResponseWriter.pollHeader(frame, 1, MESSAGES - 1, MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int start = frame.writerIndex();
            frame.writeZero(messageBytes);
            frame.setLongLE(start + MessageLayout.OFFSET_OFFSET, i);
            frame.setIntLE(start + MessageLayout.PAYLOAD_LENGTH_OFFSET, PAYLOAD_BYTES);
        }
        reply = frame.slice(8, frame.readableBytes() - 8);
    }

    @TearDown
    public void release() {
        frame.release();
    }

    @Benchmark
    public PolledBatch decode() {
        return PolledBatch.decode(reply);
    }

    /** The walk before this session: sizes, offset and payload length each read on their own. */
    @Benchmark
    public long fourReadsPerMessage() {
        int position = reply.readerIndex() + 16;
        int count = reply.getIntLE(reply.readerIndex() + 12);
        long lastOffset = -1;
        long payloadBytes = 0;
        for (int i = 0; i < count; i++) {
            long size = MessageLayout.messageSize(reply, position);
            long offset = MessageLayout.offset(reply, position);
            if (i > 0 && offset != lastOffset + 1) {
                throw new IllegalStateException("offset " + offset + " after " + lastOffset);
            }
            lastOffset = offset;
            payloadBytes += MessageLayout.payloadLength(reply, position);
            position += (int) size;
        }
        return payloadBytes + lastOffset;
    }
}
