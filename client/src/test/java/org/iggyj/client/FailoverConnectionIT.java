package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FailoverConnection} against two real single-node servers in this JVM: the client moves to the
 * second when the first is down, stops or loses a reply, logs in again there, and never resends a send
 * whose outcome it cannot know.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailoverConnectionIT {

    private static final Identifier STREAM = Identifier.named("failover");
    private static final Identifier TOPIC = Identifier.named("t");
    private static final FailoverConnection.Login ROOT =
            FailoverConnection.Login.user(InProcessServer.USERNAME, InProcessServer.PASSWORD);

    @TempDir
    Path dataDir;

    @Test
    void shouldConnectToTheNextNodeWhenTheFirstRefuses() throws Exception {
        try (InProcessServer b = InProcessServer.start(dataDir.resolve("b"))) {
            List<NodeAddress> nodes = List.of(new NodeAddress("127.0.0.1", unusedPort()), node(b.port()));
            try (FailoverConnection c = FailoverConnection.connect(ClientIo.shared(), nodes, FailoverConnection
                    .Options.tcp(), ROOT)) {
                assertEquals(node(b.port()), c.node());
                c.ping();
                assertTrue(c.stats().streamsCount() >= 0, "logged in: get_stats needs authentication");
                assertEquals(0, c.failovers());
            }
        }
    }

    @Test
    void shouldFailWithEveryNodesReasonWhenNoNodeAccepts() throws Exception {
        List<NodeAddress> nodes = List.of(new NodeAddress("127.0.0.1", unusedPort()),
                new NodeAddress("127.0.0.1", unusedPort()));
        IggyClientException e = assertThrows(IggyClientException.class, () -> FailoverConnection.connect(
                ClientIo.shared(), nodes, FailoverConnection.Options.tcp().reconnectingFor(java.time.Duration.ZERO),
                ROOT));
        assertEquals(ErrorCode.TCP_ERROR.code(), e.status());
        assertTrue(e.getMessage().contains(nodes.get(0).toString()) && e.getMessage().contains(nodes.get(1).toString()),
                e.getMessage());
    }

    @Test
    void shouldMoveToTheNextNodeLogInAgainAndReplaySessionSetUpWhenItsNodeStops() throws Exception {
        InProcessServer a = InProcessServer.start(dataDir.resolve("a"));
        try (InProcessServer b = InProcessServer.start(dataDir.resolve("b"))) {
            createTopic(b);
            List<NodeAddress> nodes = List.of(node(a.port()), node(b.port()));
            try (FailoverConnection c = FailoverConnection.connect(ClientIo.shared(), nodes,
                    FailoverConnection.Options.tcp(), ROOT)) {
                List<String> moves = new ArrayList<>();
                c.onFailover((from, to, cause) -> moves.add(from + " -> " + to));
                AtomicInteger setUps = new AtomicInteger();
                c.onSessionSetup(conn -> setUps.incrementAndGet());
                assertEquals(node(a.port()), c.node());
                c.ping();

                a.close();
                c.ping();
                c.sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batchOf("after-a-stopped"));

                assertEquals(node(b.port()), c.node());
                assertEquals(1, c.failovers());
                assertEquals(List.of(node(a.port()) + " -> " + node(b.port())), moves);
                assertEquals(2, setUps.get(), "set-up ran on the first and on the new connection");
                assertEquals(1, messagesIn(c), "the send went to b, once");
            }
        } finally {
            a.close();
        }
    }

    @Test
    void shouldReportASendInDoubtWithoutResendingItWhenItsReplyIsLost() throws Exception {
        try (InProcessServer a = InProcessServer.start(dataDir.resolve("a"));
             InProcessServer b = InProcessServer.start(dataDir.resolve("b"));
             CuttingProxy proxy = new CuttingProxy(a.port())) {
            createTopic(a);
            createTopic(b);
            List<NodeAddress> nodes = List.of(node(proxy.port()), node(b.port()));
            try (FailoverConnection c = FailoverConnection.connect(ClientIo.shared(), nodes,
                    FailoverConnection.Options.tcp(), ROOT)) {
                c.sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batchOf("acknowledged"));
                proxy.dropNextReply();

                InDoubtException e = assertThrows(InDoubtException.class,
                        () -> c.sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batchOf("in-doubt")));

                assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
                assertEquals(node(b.port()), c.node(), "moved on before reporting");
                assertEquals(0, messagesIn(c), "not resent to b");
                try (FailoverConnection onA = FailoverConnection.connect(ClientIo.shared(),
                        List.of(node(a.port())), FailoverConnection.Options.tcp(), ROOT)) {
                    assertEquals(2, messagesIn(onA), "a applied the send whose reply was lost");
                }
            }
        }
    }

    private static void createTopic(InProcessServer server) {
        try (IggyConnection c = IggyConnection.connect("127.0.0.1", server.port())) {
            c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
            c.createStream("failover");
            c.createTopic(STREAM, 1, "t");
        }
    }

    private static List<MessageDraft> batchOf(String text) {
        return List.of(MessageDraft.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int messagesIn(FailoverConnection c) {
        return c.pollMessages(Consumer.consumer(Identifier.numeric(1)), STREAM, TOPIC, 0, PollingStrategy.offset(0),
                100, false).count();
    }

    private static NodeAddress node(int port) {
        return new NodeAddress("127.0.0.1", port);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
