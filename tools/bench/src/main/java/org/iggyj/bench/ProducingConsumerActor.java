package org.iggyj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.iggyj.client.BatchWriter;
import org.iggyj.client.IggyClientException;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.client.PolledBatch;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;

/**
 * Sends a batch to partition 0 of its own stream, then polls until that batch is back (offset strategy,
 * its own cursor). Latency = now minus the batch's origin timestamp: send, ack and poll together. Counts
 * each batch once (the bytes sent). A send left in doubt by a failover is not recorded; the cursor moves
 * past whatever the new node holds. The warm-up by count does the same round trips, unrecorded.
 * Thread-confined to its actor thread.
 */
final class ProducingConsumerActor extends Actor {

    private static final Identifier TOPIC = Identifier.named(BenchSettings.TOPIC);
    private static final Partitioning PARTITION_0 = Partitioning.partitionId(0);

    private final Identifier stream;
    private final Consumer consumer;
    private final BatchWriter writer;
    private FailoverConnection connection;
    private ByteBuf batch;
    private long cursor;

    ProducingConsumerActor(RunContext context, int id, int streamNumber) {
        super(context, Role.PRODUCING_CONSUMER, id);
        BenchSettings s = context.settings();
        this.stream = Identifier.named(BenchSettings.streamName(streamNumber));
        this.consumer = Consumer.consumer(Identifier.numeric(id));
        this.writer = new BatchWriter(s.messagesPerBatch(), s.messageSize());
    }

    @Override
    String warmUpBatches(FailoverConnection conn, long batches) {
        connection = conn;
        batch = writer.encode(PooledByteBufAllocator.DEFAULT, context().clock().nowUs());
        try {
            for (long i = 0; i < batches; i++) {
                roundTrip();
            }
            return null;
        } finally {
            batch.release();
        }
    }

    @Override
    String work(FailoverConnection conn, ActorRecorder recorder) {
        BenchSettings s = context().settings();
        MicroClock clock = context().clock();
        connection = conn;
        batch = writer.encode(PooledByteBufAllocator.DEFAULT, clock.nowUs());
        try {
            warmUp(recorder, this::roundTrip);
            for (long i = 0; i < s.batches(); i++) {
                long originUs = roundTrip();
                if (originUs < 0) {
                    continue;
                }
                long now = System.nanoTime();
                recorder.record(now, (clock.nowUs() - originUs) * 1_000, s.messagesPerBatch(), writer.payloadBytes());
                context().progress(s.messagesPerBatch(), writer.payloadBytes());
            }
            return null;
        } finally {
            batch.release();
        }
    }

    /** @return the origin timestamp of the batch, as polled back, or -1 when a failover left it in doubt */
    private long roundTrip() {
        writer.restamp(batch, context().clock().nowUs());
        try {
            connection.sendMessages(stream, TOPIC, PARTITION_0, batch);
        } catch (InDoubtException e) {
            context().inDoubt();
            PolledBatch end = connection.pollMessages(consumer, stream, TOPIC, 0, PollingStrategy.offset(cursor), 1,
                    false);
            cursor = end.isEmpty() ? cursor : end.currentOffset() + 1;
            return -1;
        }
        long origin = -1;
        long want = cursor + writer.messageCount();
        long deadline = System.nanoTime() + context().settings().idleTimeoutNs();
        while (cursor < want) {
            PolledBatch polled = connection.pollMessages(consumer, stream, TOPIC, 0, PollingStrategy.offset(cursor),
                    want - cursor, false);
            if (!polled.isEmpty()) {
                if (origin < 0) {
                    origin = polled.firstOriginTimestampUs();
                }
                cursor = polled.lastOffset() + 1;
            } else if (System.nanoTime() > deadline) {
                throw new IggyClientException(ErrorCode.ERROR, "sent batch not readable back at offset " + cursor);
            }
        }
        return origin;
    }
}
