package org.iggyj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.iggyj.client.BatchWriter;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/**
 * Sends {@code --message-batches} batches to one stream: partition 0 when the topic has one partition,
 * balanced otherwise. The batch is encoded once into a pooled direct buffer and only its origin
 * timestamps are rewritten before each send. Latency = send to ack. A send whose connection broke is
 * counted in doubt and not resent (it may have been stored); the actor goes on with the next batch on the
 * node it failed over to.
 */
final class ProducerActor extends Actor {

    private final Identifier stream;
    private final Partitioning partitioning;
    private final Pacer pacer;

    ProducerActor(RunContext context, int id, int streamNumber) {
        super(context, Role.PRODUCER, id);
        BenchSettings s = context.settings();
        this.stream = Identifier.named(BenchSettings.streamName(streamNumber));
        this.partitioning = s.partitions() == 1 ? Partitioning.partitionId(0) : Partitioning.balanced();
        this.pacer = new Pacer(s.rateLimitBytesPerSecond() / Math.max(1, s.producers()));
    }

    @Override
    String work(FailoverConnection connection, ActorRecorder recorder) {
        BenchSettings s = context().settings();
        MicroClock clock = context().clock();
        Identifier topic = Identifier.named(BenchSettings.TOPIC);
        BatchWriter writer = new BatchWriter(s.messagesPerBatch(), s.messageSize());
        ByteBuf batch = writer.encode(PooledByteBufAllocator.DEFAULT, clock.nowUs());
        try {
            warmUp(recorder, () -> {
                writer.restamp(batch, clock.nowUs());
                send(connection, topic, batch);
            });
            long payload = writer.payloadBytes();
            for (long i = 0; i < s.batches(); i++) {
                pacer.acquire(payload);
                writer.restamp(batch, clock.nowUs());
                long t0 = System.nanoTime();
                if (!send(connection, topic, batch)) {
                    continue;
                }
                long t1 = System.nanoTime();
                recorder.record(t1, t1 - t0, s.messagesPerBatch(), payload);
                context().progress(s.messagesPerBatch(), payload);
            }
            return null;
        } finally {
            batch.release();
        }
    }

    /** @return whether the batch was acknowledged; false when a failover left it in doubt */
    private boolean send(FailoverConnection connection, Identifier topic, ByteBuf batch) {
        try {
            connection.sendMessages(stream, topic, partitioning, batch);
            return true;
        } catch (InDoubtException e) {
            context().inDoubt();
            return false;
        }
    }
}
