package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends pipelined on one connection to a real server (two shards, {@code [tcp] max_in_flight_sends} 4):
 * every batch lands in its partition in the order it was sent, and every reply reaches the send it
 * answers, also when sends to partitions of different shards complete out of order and one fails; and
 * polls pipelined the same way ({@link IggyConnection#pollMessagesAsync}) each answered in call order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelinedSendsIT {

    private static final int MESSAGES = 10;
    private static final Consumer READER = Consumer.consumer(Identifier.numeric(1));

    @TempDir
    static Path dataDir;

    private static InProcessServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = InProcessServer.start(dataDir, Map.of("IGGY_TCP_MAX_IN_FLIGHT_SENDS", "4"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldStorePipelinedSendsToOnePartitionInSendOrder() throws Exception {
        int batches = 40;
        try (IggyConnection c = IggyConnection.connect("127.0.0.1", server.port()); Batches sent = new Batches(batches)) {
            Identifier stream = topicOf(c, "one-partition", 1);
            Identifier topic = Identifier.named("topic-1");
            List<CompletableFuture<Void>> replies = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                replies.add(c.sendMessagesAsync(stream, topic, Partitioning.partitionId(0), sent.batch(i)));
            }
            for (CompletableFuture<Void> reply : replies) {
                reply.get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < batches; i++) {
                PolledBatch polled = c.pollMessages(READER, stream, topic, 0, PollingStrategy.offset((long) i * MESSAGES),
                        MESSAGES, false);
                assertEquals(MESSAGES, polled.count(), "batch " + i);
                assertEquals((long) i * MESSAGES, polled.firstOffset());
                assertEquals(Batches.stamp(i), polled.firstOriginTimestampUs(), "batch " + i + " at its offsets");
            }
        }
    }

    @Test
    void shouldAnswerEachPipelinedSendToPartitionsOfSeveralShardsInItsOwnOrder() throws Exception {
        int partitions = 4;
        int batches = 41;
        int missingEvery = 7;
        try (IggyConnection c = IggyConnection.connect("127.0.0.1", server.port()); Batches sent = new Batches(batches)) {
            Identifier stream = topicOf(c, "four-partitions", partitions);
            Identifier topic = Identifier.named("topic-1");
            List<CompletableFuture<Void>> replies = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                // Now and then a send to a partition that does not exist, answered with an error in the middle.
                long partition = i % missingEvery == missingEvery - 1 ? 99 : i % partitions;
                replies.add(c.sendMessagesAsync(stream, topic, Partitioning.partitionId(partition), sent.batch(i)));
            }
            long[] expectedNext = new long[partitions];
            for (int i = 0; i < batches; i++) {
                CompletableFuture<Void> reply = replies.get(i);
                if (i % missingEvery == missingEvery - 1) {
                    ExecutionException failed = assertThrows(ExecutionException.class,
                            () -> reply.get(30, TimeUnit.SECONDS), "send " + i);
                    assertTrue(failed.getCause() instanceof IggyClientException);
                    assertEquals(ErrorCode.PARTITION_NOT_FOUND.code(), ((IggyClientException) failed.getCause()).status(),
                            "send " + i + " gets its own reply");
                    continue;
                }
                reply.get(30, TimeUnit.SECONDS);
                int partition = i % partitions;
                PolledBatch polled = c.pollMessages(READER, stream, topic, partition,
                        PollingStrategy.offset(expectedNext[partition]), MESSAGES, false);
                assertEquals(MESSAGES, polled.count(), "send " + i);
                assertEquals(Batches.stamp(i), polled.firstOriginTimestampUs(), "send " + i + " in send order");
                expectedNext[partition] += MESSAGES;
            }
        }
    }

    @Test
    void shouldAnswerPollsInFlightInCallOrderEachFromTheOffsetItAsked() throws Exception {
        int batches = 5;
        try (IggyConnection c = IggyConnection.connect("127.0.0.1", server.port()); Batches sent = new Batches(batches)) {
            Identifier stream = filledTopicOf(c, "polls-in-flight", sent);
            Identifier topic = Identifier.named("topic-1");
            // four polls of 15 in flight over 50 messages: 15, 15, 15, the 5 left, and one past the end
            List<CompletableFuture<PolledBatch>> polls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                polls.add(c.pollMessagesAsync(READER, stream, topic, 0, PollingStrategy.offset(15L * i), 15, false));
            }
            int[] counts = {15, 15, 15, 5, 0};
            for (int i = 0; i < polls.size(); i++) {
                PolledBatch polled = polls.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(counts[i], polled.count(), "poll " + i);
                assertEquals(counts[i] == 0 ? -1 : 15L * i, polled.firstOffset(), "poll " + i);
            }
        }
    }

    @Test
    void shouldStartEachNextPollInFlightWhereThePreviousOneCommitted() throws Exception {
        int batches = 5;
        Consumer committing = Consumer.consumer(Identifier.numeric(2));
        try (IggyConnection c = IggyConnection.connect("127.0.0.1", server.port()); Batches sent = new Batches(batches)) {
            Identifier stream = filledTopicOf(c, "next-polls-in-flight", sent);
            Identifier topic = Identifier.named("topic-1");
            List<CompletableFuture<PolledBatch>> polls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                polls.add(c.pollMessagesAsync(committing, stream, topic, 0, PollingStrategy.next(), 20, true));
            }
            int[] counts = {20, 20, 10, 0};
            for (int i = 0; i < polls.size(); i++) {
                PolledBatch polled = polls.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(counts[i], polled.count(), "poll " + i);
                assertEquals(counts[i] == 0 ? -1 : 20L * i, polled.firstOffset(), "poll " + i);
            }
        }
    }

    private static Identifier topicOf(IggyConnection c, String name, int partitions) {
        c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
        c.createStream(name);
        Identifier stream = Identifier.named(name);
        c.createTopic(stream, partitions, "topic-1");
        return stream;
    }

    /** @return a stream whose one-partition topic-1 holds the batches, sent one after the other */
    private static Identifier filledTopicOf(IggyConnection c, String name, Batches sent) {
        Identifier stream = topicOf(c, name, 1);
        for (int i = 0; i < sent.count(); i++) {
            c.sendMessages(stream, Identifier.named("topic-1"), Partitioning.partitionId(0), sent.batch(i));
        }
        return stream;
    }

    /** One buffer per batch (a batch in flight must not change), each stamped with its number. */
    private static final class Batches implements AutoCloseable {

        private final List<ByteBuf> batches = new ArrayList<>();

        Batches(int count) {
            BatchWriter writer = new BatchWriter(MESSAGES, 100);
            for (int i = 0; i < count; i++) {
                batches.add(writer.encode(PooledByteBufAllocator.DEFAULT, stamp(i)));
            }
        }

        static long stamp(int batch) {
            return 1_000L * (batch + 1);
        }

        ByteBuf batch(int i) {
            return batches.get(i);
        }

        int count() {
            return batches.size();
        }

        @Override
        public void close() {
            batches.forEach(ByteBuf::release);
        }
    }
}
