package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IggyConnectionIT {

    @TempDir
    static Path dataDir;

    private static InProcessServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = InProcessServer.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static IggyConnection loggedIn() {
        IggyConnection c = IggyConnection.connect("127.0.0.1", server.port());
        c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
        return c;
    }

    /** @return the stream, created with one topic of one partition */
    private static Identifier streamWithTopic(IggyConnection c, String stream, String topic) {
        c.createStream(stream);
        Identifier id = Identifier.named(stream);
        c.createTopic(id, 1, topic);
        return id;
    }

    /** Sends one batch of the writer's shape per origin timestamp, in that order. */
    private static void sendToPartitionZero(IggyConnection c, Identifier stream, Identifier topic, BatchWriter writer,
                                            long... originTimestampsUs) {
        ByteBuf batch = writer.encode(PooledByteBufAllocator.DEFAULT, originTimestampsUs[0]);
        try {
            for (long timestampUs : originTimestampsUs) {
                writer.restamp(batch, timestampUs);
                c.sendMessages(stream, topic, Partitioning.partitionId(0), batch);
            }
        } finally {
            batch.release();
        }
    }

    @Test
    void shouldPollBackWhatWasSentWithOriginTimestamps() {
        try (IggyConnection c = loggedIn()) {
            Identifier stream = streamWithTopic(c, "round-trip", "topic-1");
            Identifier topic = Identifier.named("topic-1");
            sendToPartitionZero(c, stream, topic, new BatchWriter(10, 100), 1_000L, 2_000L);
            Consumer consumer = Consumer.consumer(Identifier.numeric(1));
            PolledBatch all = c.pollMessages(consumer, stream, topic, 0, PollingStrategy.offset(0), 100, false);
            assertEquals(20, all.count());
            assertEquals(0, all.firstOffset());
            assertEquals(19, all.lastOffset());
            assertEquals(19, all.currentOffset());
            assertEquals(1_000L, all.firstOriginTimestampUs());
            assertEquals(2_000L, all.payloadBytes());
            assertEquals(20L * (64 + 100), all.messageBytes());

            PolledBatch second = c.pollMessages(consumer, stream, topic, 0, PollingStrategy.offset(10), 10, false);
            assertEquals(10, second.firstOffset());
            assertEquals(2_000L, second.firstOriginTimestampUs());
            PolledBatch none = c.pollMessages(consumer, stream, topic, 0, PollingStrategy.offset(20), 10, false);
            assertTrue(none.isEmpty());
        }
    }

    /** Replies of 1-3 MB arrive in many reads, most of them into the reply's own assembly room. */
    @Test
    void shouldPollLargeRepliesByteForByte() {
        try (IggyConnection c = loggedIn()) {
            Identifier stream = streamWithTopic(c, "large-replies", "topic-1");
            Identifier topic = Identifier.named("topic-1");
            sendToPartitionZero(c, stream, topic, new BatchWriter(1000, 1024), 1_000L, 1_001L, 1_002L);
            Consumer consumer = Consumer.consumer(Identifier.numeric(1));
            for (int round = 0; round < 3; round++) {
                long from = round * 1000L;
                int count = 3000 - round * 1000;
                byte[] reply = c.pollMessagesRaw(consumer, stream, topic, 0, PollingStrategy.offset(from), count, false);
                java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(reply).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                assertEquals(16 + count * (64 + 1024), reply.length);
                assertEquals(count, r.getInt(12));
                for (int i = 0; i < count; i++) {
                    int at = 16 + i * (64 + 1024);
                    long offset = from + i;
                    assertEquals(offset, r.getLong(at + 24), "offset of message " + i);
                    assertEquals(1_000L + offset / 1000, r.getLong(at + 40), "origin timestamp of message " + i);
                    assertEquals(1024, r.getInt(at + 52));
                    for (int j = 0; j < 1024; j += 97) {
                        assertEquals((byte) ('a' + j % 26), reply[at + 64 + j], "payload byte " + j + " of " + offset);
                    }
                }
            }
        }
    }

    @Test
    void shouldStoreOffsetAndResumeWithNext() {
        try (IggyConnection c = loggedIn()) {
            Identifier stream = streamWithTopic(c, "offsets", "t");
            Identifier topic = Identifier.named("t");
            ByteBuf batch = new BatchWriter(5, 10).encode(PooledByteBufAllocator.DEFAULT, 1L);
            try {
                c.sendMessages(stream, topic, Partitioning.balanced(), batch);
            } finally {
                batch.release();
            }
            Consumer consumer = Consumer.consumer(Identifier.numeric(7));
            c.storeConsumerOffset(consumer, stream, topic, 0, 2);
            PolledBatch next = c.pollMessages(consumer, stream, topic, 0, PollingStrategy.next(), 10, false);
            assertEquals(3, next.firstOffset());
            assertEquals(2, next.count());
        }
    }

    @Test
    void shouldSurfaceTheServerErrorCode() {
        try (IggyConnection c = loggedIn()) {
            c.createStream("twice");
            IggyClientException duplicate = assertThrows(IggyClientException.class, () -> c.createStream("twice"));
            assertEquals(ErrorCode.STREAM_NAME_ALREADY_EXISTS, duplicate.errorCode());
            assertEquals(1012, duplicate.status());
            IggyClientException missing = assertThrows(IggyClientException.class,
                    () -> c.deleteStream(Identifier.numeric(999_999)));
            assertEquals(ErrorCode.STREAM_ID_NOT_FOUND, missing.errorCode());
            c.ping();
            assertTrue(c.isOpen(), "an error reply must not cost the connection");
        }
    }

    @Test
    void shouldFailLoginWithWrongPassword() {
        try (IggyConnection c = IggyConnection.connect("127.0.0.1", server.port())) {
            IggyClientException e = assertThrows(IggyClientException.class,
                    () -> c.login(InProcessServer.USERNAME, "wrong-password"));
            assertEquals(ErrorCode.INVALID_CREDENTIALS, e.errorCode());
            IggyClientException unauthenticated = assertThrows(IggyClientException.class,
                    () -> c.createStream("not-allowed"));
            assertEquals(ErrorCode.UNAUTHENTICATED, unauthenticated.errorCode());
        }
    }

    @Test
    void shouldMatchPipelinedRepliesToTheirRequests() throws Exception {
        try (IggyConnection c = loggedIn()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String name = "pipelined-" + i;
                    ids.add(pool.submit(() -> c.createStream(name)));
                }
                Set<Long> distinct = new HashSet<>();
                for (Future<Long> id : ids) {
                    distinct.add(id.get(30, TimeUnit.SECONDS));
                }
                assertEquals(20, distinct.size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldReportStatsAndFailCallsAfterClose() {
        IggyConnection c = loggedIn();
        Stats stats = c.stats();
        assertFalse(stats.serverVersion().isEmpty());
        assertTrue(stats.clientsCount() >= 1);
        c.close();
        assertFalse(c.isOpen());
        IggyClientException e = assertThrows(IggyClientException.class, c::ping);
        assertEquals(ErrorCode.CONNECTION_CLOSED, e.errorCode());
    }

    @Test
    void shouldFailToConnectWhenNothingListens() {
        IggyClientException e = assertThrows(IggyClientException.class,
                () -> IggyConnection.connect("127.0.0.1", 1));
        assertEquals(ErrorCode.TCP_ERROR, e.errorCode());
    }
}
