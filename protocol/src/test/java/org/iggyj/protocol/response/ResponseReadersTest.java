package org.iggyj.protocol.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.TransportKind;
import org.iggyj.protocol.wire.Permissions;
import org.junit.jupiter.api.Test;

/** Every response reader reads back what {@link ResponseWriter} wrote, and nothing more. */
class ResponseReadersTest {

    @Test
    void streamDetailsRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.stream(out, 3, 1_000, 2, 4_096, 12, "orders");
        ResponseWriter.topic(out, 0, 2_000, 1, -1, 1, -1, 1, 100, 5, "a");
        ResponseWriter.topic(out, 1, 3_000, 4, 60_000_000, 2, 1 << 20, 3, 200, 7, "b");
        StreamReader.StreamDetails d = StreamReader.details(out);
        assertEquals(new StreamReader.Stream(3, 1_000, 2, 4_096, 12, "orders"), d.stream());
        assertEquals(List.of(new TopicReader.Topic(0, 2_000, 1, -1, 1, -1, 1, 100, 5, "a"),
                new TopicReader.Topic(1, 3_000, 4, 60_000_000, 2, 1 << 20, 3, 200, 7, "b")), d.topics());
        assertFalse(out.isReadable());
    }

    @Test
    void streamListRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.stream(out, 0, 1, 0, 0, 0, "x");
        ResponseWriter.stream(out, 0xFFFF_FFFEL, 2, 1, 3, 4, "y");
        assertEquals(List.of(new StreamReader.Stream(0, 1, 0, 0, 0, "x"),
                new StreamReader.Stream(0xFFFF_FFFEL, 2, 1, 3, 4, "y")), StreamReader.streams(out));
        assertEquals(List.of(), StreamReader.streams(Unpooled.buffer()));
    }

    @Test
    void topicDetailsRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.topic(out, 2, 9, 2, 0, 1, 0, 1, 0, 0, "t");
        ResponseWriter.partition(out, 0, 10, 1, 41, 512, 42);
        ResponseWriter.partition(out, 1, 11, 3, 7, 1024, 8);
        TopicReader.TopicDetails d = TopicReader.details(out);
        assertEquals("t", d.topic().name());
        assertEquals(List.of(new TopicReader.Partition(0, 10, 1, 41, 512, 42),
                new TopicReader.Partition(1, 11, 3, 7, 1024, 8)), d.partitions());
    }

    @Test
    void consumerGroupDetailsRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.consumerGroup(out, 4, 3, 2, "workers");
        ResponseWriter.member(out, 1, new int[] {0, 2});
        ResponseWriter.member(out, 2, new int[] {1});
        ConsumerGroupReader.GroupDetails d = ConsumerGroupReader.details(out);
        assertEquals(new ConsumerGroupReader.Group(4, 3, 2, "workers"), d.group());
        assertEquals(List.of(new ConsumerGroupReader.Member(1, List.of(0L, 2L)),
                new ConsumerGroupReader.Member(2, List.of(1L))), d.members());

        ByteBuf list = Unpooled.buffer();
        ResponseWriter.consumerGroup(list, 0, 1, 0, "a");
        ResponseWriter.consumerGroup(list, 1, 1, 0, "b");
        assertEquals(List.of("a", "b"), ConsumerGroupReader.groups(list).stream()
                .map(ConsumerGroupReader.Group::name).toList());
    }

    @Test
    void truncatedMemberListIsRejected() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.consumerGroup(out, 0, 3, 1, "g");
        ResponseWriter.memberHeader(out, 1, 1_000);
        assertThrows(IggyException.class, () -> ConsumerGroupReader.details(out));
    }

    @Test
    void userDetailsRoundTripWithAndWithoutPermissions() {
        ByteBuf none = Unpooled.buffer();
        ResponseWriter.userDetails(none, 1, 5, 2, "alice", null);
        UserReader.UserDetails plain = UserReader.details(none);
        assertEquals(new UserReader.User(1, 5, 2, "alice"), plain.user());
        assertNull(plain.permissions());
        assertFalse(none.isReadable());

        ByteBuf all = Unpooled.buffer();
        ResponseWriter.userDetails(all, 0, 6, 1, "root", Permissions.all());
        UserReader.UserDetails root = UserReader.details(all);
        assertEquals(Permissions.all(), root.permissions());
        assertFalse(all.isReadable());

        ByteBuf users = Unpooled.buffer();
        ResponseWriter.user(users, 0, 1, 1, "root");
        ResponseWriter.user(users, 1, 2, 2, "bob");
        assertEquals(List.of(new UserReader.User(0, 1, 1, "root"), new UserReader.User(1, 2, 2, "bob")),
                UserReader.users(users));
    }

    @Test
    void personalAccessTokensRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.personalAccessToken(out, "ci", 0);
        ResponseWriter.personalAccessToken(out, "deploy", 1_700_000_000_000_000L);
        assertEquals(List.of(new UserReader.PersonalAccessToken("ci", 0),
                new UserReader.PersonalAccessToken("deploy", 1_700_000_000_000_000L)), UserReader.tokens(out));
    }

    @Test
    void clientDetailsRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.client(out, 42, ResponseWriter.NO_USER, TransportKind.TCP.code(), "127.0.0.1:5000", 2);
        ResponseWriter.clientGroup(out, 0, 1, 2);
        ResponseWriter.clientGroup(out, 3, 4, 5);
        ClientReader.ClientDetails d = ClientReader.details(out);
        assertEquals(new ClientReader.Client(42, ResponseWriter.NO_USER, TransportKind.TCP.code(), "127.0.0.1:5000", 2),
                d.client());
        assertEquals(List.of(new ClientReader.GroupRef(0, 1, 2), new ClientReader.GroupRef(3, 4, 5)), d.groups());
    }

    @Test
    void statsRoundTrip() {
        Stats stats = new Stats(7, 1.5f, 2.5f, 100, 200, 300, 400, 500, 600, 700, 800, 1, 2, 3, 4, 5, 6, 7,
                "host", "linux", "6.1", "6.1.0", "0.8.0", 8000,
                List.of(new Stats.CacheMetric(0, 1, 2, 10, 5, 0.66f)), 12, 1_000, 2_000);
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.stats(out, stats);
        assertEquals(stats, StatsReader.stats(out));
        assertFalse(out.isReadable());
    }

    @Test
    void polledMessagesRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.pollHeader(out, 2, 11, 2);
        writeMessage(out, 10, "ten".getBytes(StandardCharsets.UTF_8), new byte[0]);
        writeMessage(out, 11, "eleven".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        PolledMessagesReader.PolledMessages polled = PolledMessagesReader.read(out);
        assertEquals(2, polled.partitionId());
        assertEquals(11, polled.currentOffset());
        assertEquals(2, polled.messages().size());
        PolledMessagesReader.Message first = polled.messages().get(0);
        assertEquals(10, first.offset());
        assertEquals(100, first.checksum());
        assertEquals(1_010, first.timestampUs());
        assertArrayEquals("ten".getBytes(StandardCharsets.UTF_8), first.payload());
        assertArrayEquals(new byte[0], first.userHeaders());
        assertArrayEquals(new byte[] {1, 2, 3}, polled.messages().get(1).userHeaders());
        assertFalse(out.isReadable());
    }

    @Test
    void truncatedMessageIsRejected() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.pollHeader(out, 0, 0, 1);
        out.writeZero(20);
        assertThrows(IggyException.class, () -> PolledMessagesReader.read(out));
    }

    private static void writeMessage(ByteBuf out, long offset, byte[] payload, byte[] headers) {
        out.writeLongLE(100);
        out.writeLongLE(offset);
        out.writeLongLE(0);
        out.writeLongLE(offset);
        out.writeLongLE(1_000 + offset);
        out.writeLongLE(900 + offset);
        out.writeIntLE(headers.length);
        out.writeIntLE(payload.length);
        out.writeLongLE(0);
        out.writeBytes(payload);
        out.writeBytes(headers);
    }
}
