package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.MessageChecks.poll;
import static org.iggyj.kernel.it.MessageChecks.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.BigIntegerMessageId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.MessageChecks.Polled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message deduplication by client-chosen id (server-semantics §3.10), with offsets kept dense:
 * duplicates are dropped before offsets are assigned.
 */
@Timeout(120)
class DeduplicationIT {

    private static final long STREAM = 0;
    private static final long TOPIC = 0;

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;
    private IggyTcpClient client;

    private void start(boolean enabled) throws Exception {
        server = servers.start(Map.of("IGGY_SYSTEM_MESSAGE_DEDUPLICATION_ENABLED", Boolean.toString(enabled)));
        client = server.loggedInClient();
        client.streams().createStream("dedup");
        client.topics().createTopic(StreamId.of(STREAM), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), "t");
    }

    private static Message withId(long id, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        MessageHeader header = new MessageHeader(BigInteger.ZERO, new BigIntegerMessageId(BigInteger.valueOf(id)),
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0L, (long) bytes.length, BigInteger.ZERO);
        return new Message(header, bytes, Map.of());
    }

    private void send(Message... messages) {
        client.messages().sendMessages(StreamId.of(STREAM), TopicId.of(TOPIC), Partitioning.partitionId(0L),
                List.of(messages));
    }

    private List<Polled> all() {
        PolledMessages polled = poll(client, STREAM, TOPIC, 0, PollingStrategy.offset(BigInteger.ZERO), 1000);
        return MessageChecks.values(polled);
    }

    private static List<String> payloads(List<Polled> polled) {
        return polled.stream().map(Polled::payload).toList();
    }

    private static List<Long> offsets(List<Polled> polled) {
        return polled.stream().map(Polled::offsetValue).toList();
    }

    @Test
    void shouldDropResentIdsAndKeepOffsetsDense() throws Exception {
        start(true);
        send(withId(1, "a"), withId(2, "b"), withId(3, "c"));
        send(withId(2, "b again"), withId(4, "d"), withId(4, "d twice in one batch"), withId(1, "a again"),
                withId(5, "e"));
        send(Message.of("server id"), Message.of("server id"));

        List<Polled> polled = all();
        assertEquals(List.of("a", "b", "c", "d", "e", "server id", "server id"), payloads(polled));
        assertEquals(range(0, 7), offsets(polled));
        assertEquals(BigInteger.valueOf(4), polled.get(3).id());
    }

    @Test
    void shouldAppendNothingButSucceedWhenEveryMessageIsADuplicate() throws Exception {
        start(true);
        send(withId(10, "x"), withId(11, "y"));

        send(withId(11, "y again"), withId(10, "x again"));

        assertEquals(List.of("x", "y"), payloads(all()));
        send(withId(12, "z"));
        assertEquals(range(0, 3), offsets(all()));
    }

    @Test
    void shouldForgetSeenIdsWhenRestarted() throws Exception {
        start(true);
        send(withId(7, "first"));

        server.restart();
        client = server.loggedInClient();
        send(withId(7, "after restart"));

        assertEquals(List.of("first", "after restart"), payloads(all()));
    }

    @Test
    void shouldKeepDuplicatesWhenDeduplicationIsOff() throws Exception {
        start(false);
        send(withId(1, "a"), withId(1, "a"));
        send(withId(1, "a"));

        assertEquals(range(0, 3), offsets(all()));
    }
}
