package org.iggyj.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.iggyj.client.ClientTransport;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.IggyConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.client.PolledBatch;
import org.iggyj.protocol.CommandCode;
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
 *
 * <p>With {@code --polls-in-flight N > 1} the consumer fetches ahead, as Kafka's consumer does: N polls wait
 * for their replies on its one connection, so the server reads and answers the next poll while the client
 * still takes in the previous reply. A pinned consumer asks each poll from the offset the polls before it
 * will end at if they come back full; a reply is used only if it was asked from the offset the consumer
 * has reached, so when one comes back short (or empty) the polls sent after it are dropped unread and
 * polled again from where it ended. A group member's polls (next + auto-commit) are answered one after
 * another by the server, each from where the previous one committed, so none is dropped; over QUIC, whose
 * requests each have their own stream, a group member keeps one poll in flight. A poll's latency runs from
 * its own send to its own reply.
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
     * Polls until {@code expected} messages came, asking in all for at most what is still missing.
     *
     * @param recorder null: unmeasured (the warm-up by count)
     * @return why it stopped short, or null
     */
    private String consume(FailoverConnection connection, ActorRecorder recorder, long expected) {
        prepare(connection);
        BenchSettings s = context().settings();
        int window = group != null && s.transport() == ClientTransport.QUIC ? 1 : s.pollsInFlight();
        return window == 1 ? consumeOneByOne(connection, recorder, expected)
                : new FetchAhead(connection, recorder, expected, window).run();
    }

    private String consumeOneByOne(FailoverConnection connection, ActorRecorder recorder, long expected) {
        BenchSettings s = context().settings();
        long partition = group == null ? 0 : -1;
        long received = 0;
        long lastProgressNs = System.nanoTime();
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
                    return idle(received, expected);
                }
                LockSupport.parkNanos(EMPTY_POLL_PAUSE_NS);
                continue;
            }
            lastProgressNs = t1;
            String wrong = take(polled, recorder, t0, t1);
            if (wrong != null) {
                return wrong;
            }
            received += polled.count();
        }
        return null;
    }

    /**
     * Checks a non-empty reply (it starts where the consumer is, its partition's replies follow one
     * another), moves the consumer's offset past it and records it.
     *
     * @return what is wrong with it, or null
     */
    private String take(PolledBatch polled, ActorRecorder recorder, long sentNs, long answeredNs) {
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
        if (recorder != null) {
            long latency = context().settings().scenario().endToEndLatency()
                    ? (context().clock().nowUs() - polled.firstOriginTimestampUs()) * 1_000 : answeredNs - sentNs;
            recorder.record(answeredNs, latency, polled.count(), polled.payloadBytes());
            context().progress(polled.count(), polled.payloadBytes());
        }
        return null;
    }

    private String idle(long received, long expected) {
        return "consumer " + id() + ": nothing to poll for " + context().settings().idleTimeoutNs() / 1_000_000
                + " ms after " + received + " of " + expected + " messages";
    }

    /**
     * One fetch-ahead run: a ring of up to {@code window} polls in flight, answered in the order sent.
     * Confined to the actor's thread; allocates per poll (its request and future), never per message.
     */
    private final class FetchAhead {

        private final FailoverConnection connection;
        private final ActorRecorder recorder;
        private final long expected;
        private final int window;
        private final long partition = group == null ? 0 : -1;
        private final CompletableFuture<?>[] answered;
        private final long[] askedOffset;
        private final long[] askedCount;
        private final long[] sentNs;
        /** Ring indexes: the oldest poll in flight, and how many are. */
        private int head;
        private int inFlight;
        /** Messages asked for by the polls in flight that will be used if they come back full. */
        private long outstanding;
        /** Pinned: the offset the next poll asks from. */
        private long nextAsk;
        private long received;

        FetchAhead(FailoverConnection connection, ActorRecorder recorder, long expected, int window) {
            this.connection = connection;
            this.recorder = recorder;
            this.expected = expected;
            this.window = window;
            this.answered = new CompletableFuture<?>[window];
            this.askedOffset = new long[window];
            this.askedCount = new long[window];
            this.sentNs = new long[window];
            this.nextAsk = offset;
        }

        String run() {
            BenchSettings s = context().settings();
            long lastProgressNs = System.nanoTime();
            try {
                while (received < expected) {
                    if (inFlight == 0) {
                        outstanding = 0;
                    }
                    while (inFlight < window && received + outstanding < expected) {
                        send(Math.min(s.pollMessages(), expected - received - outstanding));
                    }
                    int slot = head;
                    head = (head + 1) % window;
                    inFlight--;
                    long asked = askedCount[slot];
                    Answer answer = await(slot);
                    long t1 = System.nanoTime();
                    if (answer == null) {
                        if (group != null) {
                            outstanding = Math.max(0, outstanding - asked);
                        }
                        continue;
                    }
                    PolledBatch polled = answer.polled();
                    if (group == null && askedOffset[slot] != offset) {
                        // sent after a reply that came back short: asked past where the consumer is
                        continue;
                    }
                    // never below 0: a reply may come from a poll sent before a lost connection reset the count
                    outstanding = Math.max(0, outstanding - asked);
                    if (group == null && polled.count() < asked) {
                        // the polls still in flight asked from past this reply's end: they will be dropped
                        outstanding = 0;
                        nextAsk = offset + polled.count();
                    }
                    if (polled.isEmpty()) {
                        if (t1 - lastProgressNs > s.idleTimeoutNs()) {
                            return idle(received, expected);
                        }
                        LockSupport.parkNanos(EMPTY_POLL_PAUSE_NS);
                        continue;
                    }
                    lastProgressNs = t1;
                    String wrong = take(polled, recorder, sentNs[slot], answer.atNs());
                    if (wrong != null) {
                        return wrong;
                    }
                    received += polled.count();
                }
                return null;
            } finally {
                drain();
            }
        }

        private void send(long count) {
            int slot = (head + inFlight) % window;
            PollingStrategy strategy = group == null ? PollingStrategy.offset(nextAsk) : PollingStrategy.next();
            askedOffset[slot] = nextAsk;
            askedCount[slot] = count;
            sentNs[slot] = System.nanoTime();
            CompletableFuture<PolledBatch> reply;
            try {
                reply = group == null
                        ? connection.idempotent(c -> c.pollMessagesAsync(consumer, stream, topic, partition,
                                strategy, count, false))
                        : connection.once(CommandCode.POLL_MESSAGES, c -> c.pollMessagesAsync(consumer, stream,
                                topic, partition, strategy, count, true));
            } catch (InDoubtException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            // the time the reply arrived, taken on the event loop, not when the actor gets round to it
            answered[slot] = reply.thenApply(polled -> new Answer(polled, System.nanoTime()));
            nextAsk += count;
            outstanding += count;
            inFlight++;
        }

        /** @return the slot's reply, or null when it was lost to a broken connection (in doubt for a group) */
        private Answer await(int slot) {
            try {
                return (Answer) AsyncReplies.await(connection, answered[slot]);
            } catch (ExecutionException e) {
                if (!AsyncReplies.lost(e.getCause())) {
                    throw AsyncReplies.unexpected(e.getCause());
                }
                reconnectAfterLoss();
                return null;
            } finally {
                answered[slot] = null;
            }
        }

        /**
         * The connection broke with polls in flight: every one of them fails the same way. A pinned consumer
         * polls again from its offset; a group member's lost polls may have committed, so each is in doubt.
         */
        private void reconnectAfterLoss() {
            if (group != null) {
                context().inDoubt();
                if (continuity != null) {
                    continuity.forget();
                }
            } else {
                outstanding = 0;
                nextAsk = offset;
            }
            connection.ping();
        }

        /**
         * Waits (each up to the request timeout) for the polls still in flight when the run stops: polls
         * dropped after a short reply, or all of them when a check failed, so a warm-up's leftovers are not
         * still arriving when the measured run starts.
         */
        private void drain() {
            for (CompletableFuture<?> reply : answered) {
                if (reply == null) {
                    continue;
                }
                try {
                    reply.get(IggyConnection.DEFAULT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // its outcome no longer matters: the run is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private record Answer(PolledBatch polled, long atNs) {
    }
}
