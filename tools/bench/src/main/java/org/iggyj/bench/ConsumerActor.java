package org.iggyj.bench;

import java.util.concurrent.locks.LockSupport;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.client.PolledBatch;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.PollingStrategy;

/**
 * Polls until it has received {@code --message-batches x --messages-per-batch} messages, or nothing came
 * for {@code --idle-timeout}, asking for {@code --poll-messages} per poll. Pinned: a regular consumer reading partition 0 of its stream with the offset
 * strategy, tracking the offset itself. Group: a member of its group polling with next + auto-commit.
 * Latency = the poll's round trip, or, when producers run at the same time, now minus the origin timestamp
 * of the first message polled (end to end). Empty polls are not batches. What is checked: every reply's
 * sizes and offset continuity ({@link PolledBatch#decode}); for a pinned consumer, that each reply starts
 * at the offset asked for; for the only member of a group, that each partition's replies follow one
 * another ({@link PartitionContinuity}). Message checksums are not verified: the server computed them,
 * and hashing every 1 KiB message would cost the bench about as much CPU as the copy it measures.
 * After a failover a group member joins its group again on the new node; an auto-commit poll whose
 * reply was lost is counted in doubt. The warm-up by count ({@code --warmup-messages}) is the same loop,
 * unrecorded, over the first messages of the partition; the measured polls go on from where it stopped.
 */
final class ConsumerActor extends Actor {

    /** Pause after an empty poll, so a consumer ahead of its producers does not flood the server. */
    private static final long EMPTY_POLL_PAUSE_NS = 50_000;

    private final Identifier stream;
    private final Identifier group;
    private final Identifier topic = Identifier.named(BenchSettings.TOPIC);
    private Consumer consumer;
    private PartitionContinuity continuity;
    /** The next offset a pinned consumer polls: the warm-up's reads are not read again. */
    private long offset;

    /**
     * @param streamNumber 1-based stream
     * @param groupNumber  1-based group, or 0 for a pinned (regular) consumer
     */
    ConsumerActor(RunContext context, int id, int streamNumber, int groupNumber) {
        super(context, Role.CONSUMER, id);
        this.stream = Identifier.named(BenchSettings.streamName(streamNumber));
        this.group = groupNumber == 0 ? null : Identifier.named(BenchSettings.groupName(groupNumber));
    }

    @Override
    String warmUpBatches(FailoverConnection connection, long batches) {
        return consume(connection, null, batches * context().settings().messagesPerBatch());
    }

    @Override
    String work(FailoverConnection connection, ActorRecorder recorder) {
        BenchSettings s = context().settings();
        prepare(connection);
        long partition = group == null ? 0 : -1;
        warmUp(recorder, () -> connection.pollMessages(consumer, stream, topic, partition,
                PollingStrategy.offset(0), s.pollMessages(), false));
        return consume(connection, recorder, s.batches() * s.messagesPerBatch());
    }

    private void prepare(FailoverConnection connection) {
        if (consumer != null) {
            return;
        }
        BenchSettings s = context().settings();
        if (group == null) {
            consumer = Consumer.consumer(Identifier.numeric(id()));
        } else {
            connection.onSessionSetup(c -> c.joinConsumerGroup(stream, topic, group));
            consumer = Consumer.group(group);
        }
        // The only member of its group owns every partition for the whole run, so each partition's
        // replies must follow one another; with several members partitions move while they join.
        continuity = group != null && s.consumers() <= s.consumerGroups() ? new PartitionContinuity() : null;
    }

    /**
     * Polls until {@code expected} messages came, each poll asking for at most what is still missing.
     *
     * @param recorder null: unmeasured (the warm-up by count)
     * @return why it stopped short, or null
     */
    private String consume(FailoverConnection connection, ActorRecorder recorder, long expected) {
        BenchSettings s = context().settings();
        prepare(connection);
        long partition = group == null ? 0 : -1;
        long received = 0;
        long lastProgressNs = System.nanoTime();
        boolean endToEnd = s.scenario().endToEndLatency();
        while (received < expected) {
            PollingStrategy strategy = group == null ? PollingStrategy.offset(offset) : PollingStrategy.next();
            long t0 = System.nanoTime();
            PolledBatch polled;
            try {
                polled = connection.pollMessages(consumer, stream, topic, partition, strategy,
                        Math.min(s.pollMessages(), expected - received), group != null);
            } catch (InDoubtException e) {
                context().inDoubt();
                if (continuity != null) {
                    continuity.forget();
                }
                continue;
            }
            long t1 = System.nanoTime();
            if (polled.isEmpty()) {
                if (t1 - lastProgressNs > s.idleTimeoutNs()) {
                    return "consumer " + id() + ": nothing to poll for " + s.idleTimeoutNs() / 1_000_000
                            + " ms after " + received + " of " + expected + " messages";
                }
                LockSupport.parkNanos(EMPTY_POLL_PAUSE_NS);
                continue;
            }
            lastProgressNs = t1;
            if (group == null && polled.firstOffset() != offset) {
                return "consumer " + id() + ": polled from offset " + offset + " but the reply starts at "
                        + polled.firstOffset();
            }
            if (continuity != null) {
                String gap = continuity.check(polled);
                if (gap != null) {
                    return "consumer " + id() + ": " + gap;
                }
            }
            offset = polled.lastOffset() + 1;
            received += polled.count();
            if (recorder != null) {
                long latency = endToEnd
                        ? (context().clock().nowUs() - polled.firstOriginTimestampUs()) * 1_000 : t1 - t0;
                recorder.record(t1, latency, polled.count(), polled.payloadBytes());
                context().progress(polled.count(), polled.payloadBytes());
            }
        }
        return null;
    }
}
