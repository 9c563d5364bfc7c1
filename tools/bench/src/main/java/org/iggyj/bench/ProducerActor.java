package org.iggyj.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.iggyj.client.BatchWriter;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/**
 * Sends {@code --message-batches} batches to one stream: partition 0 when the topic has one partition,
 * balanced otherwise. The batch is encoded once into a pooled direct buffer and only its origin
 * timestamps are rewritten before each send. Latency = send to ack. A send whose connection broke is
 * counted in doubt and not resent (it may have been stored); the actor goes on with the next batch on the
 * node it failed over to.
 *
 * <p>With {@code --in-flight N > 1} the actor pipelines: up to N sends wait for their replies on its one
 * connection, each from its own buffer (a batch must not change while it is in flight), and each batch's
 * latency runs from its own send to its own reply, taken when the reply arrives, not when the actor gets
 * round to it.
 *
 * <p>The warm-up by count ({@code --warmup-messages}) sends its batches through the same loop and
 * connection, unrecorded.
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
    String warmUpBatches(FailoverConnection connection, long batches) {
        return produce(connection, null, batches);
    }

    @Override
    String work(FailoverConnection connection, ActorRecorder recorder) {
        return produce(connection, recorder, context().settings().batches());
    }

    /** Sends {@code count} batches; {@code recorder} null: unmeasured (the warm-up by count). */
    private String produce(FailoverConnection connection, ActorRecorder recorder, long count) {
        BenchSettings s = context().settings();
        MicroClock clock = context().clock();
        Identifier topic = Identifier.named(BenchSettings.TOPIC);
        BatchWriter writer = new BatchWriter(s.messagesPerBatch(), s.messageSize());
        ByteBuf batch = writer.encode(PooledByteBufAllocator.DEFAULT, clock.nowUs());
        if (s.inFlight() > 1) {
            try {
                return pipelined(connection, recorder, topic, writer, batch, count);
            } finally {
                batch.release();
            }
        }
        try {
            if (recorder != null) {
                warmUp(recorder, () -> {
                    writer.restamp(batch, clock.nowUs());
                    send(connection, topic, batch);
                });
            }
            long payload = writer.payloadBytes();
            for (long i = 0; i < count; i++) {
                pacer.acquire(payload);
                writer.restamp(batch, clock.nowUs());
                long t0 = System.nanoTime();
                if (!send(connection, topic, batch) || recorder == null) {
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

    private String pipelined(FailoverConnection connection, ActorRecorder recorder, Identifier topic,
                             BatchWriter writer, ByteBuf first, long count) {
        BenchSettings s = context().settings();
        MicroClock clock = context().clock();
        int window = s.inFlight();
        ByteBuf[] batches = new ByteBuf[window];
        long[] sentAt = new long[window];
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] answeredAt = new CompletableFuture[window];
        batches[0] = first.retain();
        try {
            for (int k = 1; k < window; k++) {
                batches[k] = writer.encode(PooledByteBufAllocator.DEFAULT, clock.nowUs());
            }
            if (recorder != null) {
                warmUp(recorder, () -> {
                    writer.restamp(first, clock.nowUs());
                    send(connection, topic, first);
                });
            }
            long payload = writer.payloadBytes();
            for (long i = 0; i < count + window; i++) {
                int slot = (int) (i % window);
                if (answeredAt[slot] != null) {
                    awaitReply(connection, recorder, answeredAt[slot], sentAt[slot], payload);
                    answeredAt[slot] = null;
                }
                if (i >= count) {
                    continue;
                }
                pacer.acquire(payload);
                writer.restamp(batches[slot], clock.nowUs());
                sentAt[slot] = System.nanoTime();
                answeredAt[slot] = sendAsync(connection, topic, batches[slot]);
            }
            return null;
        } finally {
            // A send still in flight holds its own reference to its batch (the connection retains it).
            for (int k = 0; k < window; k++) {
                if (batches[k] != null) {
                    batches[k].release();
                }
            }
        }
    }

    /** @return completes with the time the reply arrived */
    private CompletableFuture<Long> sendAsync(FailoverConnection connection, Identifier topic, ByteBuf batch) {
        try {
            return connection.once(CommandCode.SEND_MESSAGES,
                    c -> c.sendMessagesAsync(stream, topic, partitioning, batch)).thenApply(ok -> System.nanoTime());
        } catch (InDoubtException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void awaitReply(FailoverConnection connection, ActorRecorder recorder, CompletableFuture<Long> answered,
                            long sentAt, long payload) {
        BenchSettings s = context().settings();
        long t1;
        try {
            t1 = AsyncReplies.await(connection, answered);
        } catch (ExecutionException e) {
            if (!AsyncReplies.lost(e.getCause())) {
                throw AsyncReplies.unexpected(e.getCause());
            }
            context().inDoubt();
            if (!(e.getCause() instanceof InDoubtException)) {
                // the connection broke with this send in flight: the next sends need a node
                connection.idempotent(c -> {
                    c.ping();
                    return null;
                });
            }
            return;
        }
        if (recorder != null) {
            recorder.record(t1, t1 - sentAt, s.messagesPerBatch(), payload);
            context().progress(s.messagesPerBatch(), payload);
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
