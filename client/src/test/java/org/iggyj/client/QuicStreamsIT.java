package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.MessageDraft;
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
 * One QUIC connection carrying many streams at once, each request's FIN on its last bytes and each reply's
 * on its own: megabyte batches in flight together with small requests and replies (pings, one-message
 * sends) on streams of their own, every datagram read several to a read loop. Everything sent must come
 * back, every payload intact.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QuicStreamsIT {

    private static final int LARGE_BATCHES = 12;
    private static final int LARGE_BATCH = 1_000;
    private static final int PAYLOAD = 1_024;
    private static final int SMALL_SENDS = 200;
    private static final int PINGS = 300;

    @TempDir
    static Path dir;

    private static InProcessServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = InProcessServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void largeAndSmallRequestsOnManyStreamsAtOnce() throws Exception {
        try (IggyConnection c = IggyConnection.connect(ClientIo.shared(), "localhost", server.port("quic"),
                Duration.ofSeconds(30), ClientTransport.QUIC, ClientTls.trustingAnyone())) {
            c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
            c.createStream("quic-streams");
            Identifier stream = Identifier.named("quic-streams");
            c.createTopic(stream, 1, "large");
            c.createTopic(stream, 1, "small");
            Identifier large = Identifier.named("large");
            Identifier small = Identifier.named("small");
            BatchWriter writer = new BatchWriter(LARGE_BATCH, PAYLOAD);
            ByteBuf batch = writer.encode(PooledByteBufAllocator.DEFAULT, 1);
            try {
                List<CompletableFuture<Void>> sends = new ArrayList<>();
                for (int b = 0; b < LARGE_BATCHES; b++) {
                    sends.add(c.sendMessagesAsync(stream, large, Partitioning.partitionId(0), batch));
                }
                // Small requests and replies while the large ones are still on the wire.
                for (int i = 0; i < PINGS; i++) {
                    c.ping();
                }
                for (int i = 0; i < SMALL_SENDS; i++) {
                    c.sendMessages(stream, small, Partitioning.partitionId(0), List.of(MessageDraft.of(small(i))));
                }
                CompletableFuture.allOf(sends.toArray(CompletableFuture<?>[]::new)).get(60, TimeUnit.SECONDS);
            } finally {
                batch.release();
            }
            byte[] template = new byte[PAYLOAD];
            for (int k = 0; k < PAYLOAD; k++) {
                template[k] = (byte) ('a' + k % 26);
            }
            Consumer consumer = Consumer.consumer(Identifier.numeric(1));
            int next = 0;
            while (next < LARGE_BATCHES * LARGE_BATCH) {
                next = checkPoll(c.pollMessagesRaw(consumer, stream, large, 0, PollingStrategy.offset(next),
                        LARGE_BATCH, false), next, i -> template);
            }
            assertEquals(LARGE_BATCHES * LARGE_BATCH, next);
            int smallNext = checkPoll(c.pollMessagesRaw(consumer, stream, small, 0, PollingStrategy.offset(0),
                    SMALL_SENDS, false), 0, QuicStreamsIT::small);
            assertEquals(SMALL_SENDS, smallNext, "one-message sends stored in order");
        }
    }

    /** @return the offset after the last message of the poll reply, each checked against {@code expected} */
    private static int checkPoll(byte[] raw, int next, java.util.function.IntFunction<byte[]> expected) {
        ByteBuffer reply = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int count = reply.getInt(12);
        int at = 16;
        for (int k = 0; k < count; k++, next++) {
            assertEquals(next, reply.getLong(at + MessageLayout.OFFSET_OFFSET), "offsets without a gap");
            int payloadLength = reply.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET);
            byte[] payload = new byte[payloadLength];
            reply.get(at + MessageLayout.HEADER_LENGTH, payload);
            assertArrayEquals(expected.apply(next), payload, "payload " + next);
            at += MessageLayout.HEADER_LENGTH + payloadLength
                    + reply.getInt(at + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        }
        assertEquals(raw.length, at, "the reply ends with its last message");
        return next;
    }

    private static byte[] small(int i) {
        return ("small-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
