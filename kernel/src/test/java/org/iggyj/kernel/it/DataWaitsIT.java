package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.TransportKind;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.DataWaits;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The long-poll primitive through a real server: a wait registered in-process ends when a message
 * sent by the official SDK over TCP lands in the partition, an idle wait ends at its timeout, and a
 * wait is checked like a poll (authentication, partition existence).
 */
@Timeout(60)
class DataWaitsIT {

    private static final Identifier STREAM = Identifier.named("waits");
    private static final Identifier TOPIC = Identifier.named("t");
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 1);

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyTcpClient client;
    private static Session session;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        client = servers.closedWithServers(server.loggedInClient());
        client.streams().createStream("waits");
        client.topics().createTopic(StreamId.of("waits"), 3L, CompressionAlgorithm.None, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), "t");
        session = server.server().sessions().open(TransportKind.TCP, PEER);
        ByteBuf login = Unpooled.buffer();
        new LoginUser(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD, "", "").encode(login);
        Reply reply = server.server().dispatcher().dispatch(session, CommandCode.LOGIN_USER, login)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(reply.isOk());
        reply.release();
    }

    private static DataWaits waits() {
        return server.server().dataWaits();
    }

    private static void send(long partitionId, String payload) {
        client.messages().sendMessages(StreamId.of("waits"), TopicId.of("t"), Partitioning.partitionId(partitionId),
                List.of(Message.of(payload)));
    }

    @Test
    void shouldWakeAWaitWhenAMessageArrives() throws Exception {
        CompletableFuture<Long> wait = waits().awaitData(session, STREAM, TOPIC, 0, 0, Duration.ofSeconds(50))
                .toCompletableFuture();
        Thread.sleep(100);
        assertFalse(wait.isDone(), "nothing was sent yet");
        send(0, "hello");
        // Far below the 50 s timeout: the append itself ended the wait.
        assertEquals(1L, wait.get(20, TimeUnit.SECONDS));
    }

    @Test
    void shouldEndAnIdleWaitAtItsTimeoutWithTheEndOffset() throws Exception {
        send(1, "first");
        long started = System.nanoTime();
        long end = waits().awaitData(session, STREAM, TOPIC, 1, 1, Duration.ofMillis(300))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(1L, end);
        assertTrue(waitedMs >= 250, "an idle wait lasts its timeout, waited " + waitedMs + " ms");
    }

    @Test
    void shouldAnswerAtOnceWhenTheDataIsThere() throws Exception {
        send(2, "present");
        long end = waits().awaitData(session, STREAM, TOPIC, 2, 0, Duration.ofSeconds(50))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertTrue(end >= 1);
    }

    @Test
    void shouldRefuseAnUnauthenticatedSessionAndAMissingPartition() {
        Session anonymous = server.server().sessions().open(TransportKind.TCP, PEER);
        try {
            assertError(ErrorCode.UNAUTHENTICATED,
                    waits().awaitData(anonymous, STREAM, TOPIC, 0, 0, Duration.ofSeconds(1)).toCompletableFuture());
        } finally {
            server.server().sessions().close(anonymous);
        }
        assertError(ErrorCode.PARTITION_NOT_FOUND,
                waits().awaitData(session, STREAM, TOPIC, 3, 0, Duration.ofSeconds(1)).toCompletableFuture());
        assertError(ErrorCode.TOPIC_ID_NOT_FOUND, waits().awaitData(session, STREAM, Identifier.named("none"), 0, 0,
                Duration.ofSeconds(1)).toCompletableFuture());
    }

    private static void assertError(ErrorCode expected, CompletableFuture<Long> wait) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> wait.get(10, TimeUnit.SECONDS));
        assertEquals(expected, assertInstanceOf(IggyException.class, e.getCause()).errorCode());
    }
}
