package org.iggyj.protocol.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iggyj.protocol.Frames;
import org.iggyj.protocol.Hex;
import org.iggyj.protocol.TransportKind;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.WireReader;
import org.junit.jupiter.api.Test;

class ResponseWriterTest {

    @Test
    void shouldWriteTheSpecLoginResponse() {
        ByteBuf body = Unpooled.buffer();
        ResponseWriter.identity(body, 0);
        ByteBuf frame = Unpooled.buffer();
        Frames.writeResponseHeader(frame, Frames.STATUS_OK, body.readableBytes());
        frame.writeBytes(body);
        assertEquals("00 00 00 00 04 00 00 00 00 00 00 00", Hex.of(frame));
    }

    @Test
    void shouldWriteTheSpecPollHeader() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.pollHeader(out, 0, 0, 1);
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00", Hex.of(out));
    }

    @Test
    void shouldLayOutStreamAndTopicRecords() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.stream(out, 1, 2, 3, 4, 5, "abc");
        assertEquals(33 + 3, out.readableBytes());
        assertEquals(1, out.getIntLE(0));
        assertEquals(2, out.getLongLE(4));
        assertEquals(3, out.getIntLE(12));
        assertEquals(4, out.getLongLE(16));
        assertEquals(5, out.getLongLE(24));
        assertEquals(3, out.getByte(32));

        ByteBuf topic = Unpooled.buffer();
        ResponseWriter.topic(topic, 7, 8, 2, -1, 1, -1, 1, 100, 9, "t");
        assertEquals(51 + 1, topic.readableBytes());
        assertEquals(2, topic.getIntLE(12));
        assertEquals(-1, topic.getLongLE(16));
        assertEquals(1, topic.getByte(24));
        assertEquals(-1, topic.getLongLE(25));
        assertEquals(1, topic.getByte(33));
        assertEquals(100, topic.getLongLE(34));
        assertEquals(9, topic.getLongLE(42));
        assertEquals("t", topic.toString(51, 1, StandardCharsets.UTF_8));

        ByteBuf partition = Unpooled.buffer();
        ResponseWriter.partition(partition, 0, 1, 2, 3, 4, 5);
        assertEquals(40, partition.readableBytes());
        assertEquals(5, partition.getLongLE(32));
    }

    @Test
    void shouldLayOutClientRecords() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.client(out, 0xdeadbeefL, ResponseWriter.NO_USER, TransportKind.TCP.code(), "127.0.0.1:1", 1);
        ResponseWriter.clientGroup(out, 1, 2, 3);
        assertEquals(17 + 11 + 12, out.readableBytes());
        assertEquals(0xdeadbeefL, out.getUnsignedIntLE(0));
        assertEquals(0xFFFF_FFFFL, out.getUnsignedIntLE(4));
        assertEquals(1, out.getByte(8));
        assertEquals(11, out.getIntLE(9));
        assertEquals(1, out.getIntLE(24));
        assertEquals(3, out.getIntLE(36));
    }

    @Test
    void shouldWriteUserDetailsInTheAsymmetric08Form() {
        ByteBuf none = Unpooled.buffer();
        ResponseWriter.userDetails(none, 1, 2, 1, "bob", null);
        assertEquals(14 + 3 + 4, none.readableBytes());
        assertEquals(0, none.getIntLE(17));

        ByteBuf all = Unpooled.buffer();
        ResponseWriter.userDetails(all, 0, 2, 1, "iggy", Permissions.all());
        assertEquals(14 + 4 + 1 + 4 + 11, all.readableBytes());
        all.skipBytes(18);
        assertEquals(1, all.readByte());
        int length = all.readIntLE();
        assertEquals(Permissions.all(), Permissions.read(all, length));
    }

    @Test
    void shouldWriteGroupsOffsetsAndTokens() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.consumerGroup(out, 0, 3, 1, "g");
        ResponseWriter.member(out, 0, new int[] {0, 2});
        assertEquals("00 00 00 00 03 00 00 00 01 00 00 00 01 67 00 00 00 00 02 00 00 00 00 00 00 00 02 00 00 00",
                Hex.of(out));
        ByteBuf offset = Unpooled.buffer();
        ResponseWriter.consumerOffset(offset, 1, 10, 4);
        assertEquals(20, offset.readableBytes());
        ByteBuf pat = Unpooled.buffer();
        ResponseWriter.personalAccessToken(pat, "pat", 0);
        ResponseWriter.rawToken(pat, "tok");
        assertEquals("pat", WireReader.name(pat));
        assertEquals(0, WireReader.u64(pat));
        assertEquals("tok", WireReader.name(pat));
    }

    @Test
    void shouldWriteStatsWithA108ByteHead() {
        Stats stats = new Stats(42, 1.5f, 2.5f, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                "host", "linux", "6", "6.1", "0.8.0", 8000,
                List.of(new Stats.CacheMetric(1, 2, 3, 4, 5, 0.5f)), 18, 19, 20);
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.stats(out, stats);
        assertEquals(42, out.getIntLE(0));
        assertEquals(1.5f, out.getFloatLE(4));
        assertEquals(11, out.getIntLE(76));
        assertEquals(15, out.getLongLE(92));
        assertEquals(17, out.getIntLE(104));
        out.skipBytes(108);
        assertEquals("host", WireReader.str32(out));
        assertEquals("linux", WireReader.str32(out));
        assertEquals("6", WireReader.str32(out));
        assertEquals("6.1", WireReader.str32(out));
        assertEquals("0.8.0", WireReader.str32(out));
        assertEquals(8000, WireReader.u32(out));
        assertEquals(1, WireReader.u32(out));
        out.skipBytes(32);
        assertEquals(18, WireReader.u32(out));
        assertEquals(19, WireReader.u64(out));
        assertEquals(20, WireReader.u64(out));
        assertEquals(0, out.readableBytes());
    }

    @Test
    void shouldWriteClusterMetadata() {
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.clusterMetadata(out, "single-node",
                List.of(new ClusterNode("iggy-node", "127.0.0.1", 8090, 8080, 3000, 8092, 0, 0)));
        assertEquals("single-node", WireReader.str32(out));
        assertEquals(1, WireReader.u32(out));
        assertEquals("iggy-node", WireReader.str32(out));
        assertEquals("127.0.0.1", WireReader.str32(out));
        assertEquals(8090, WireReader.u16(out));
        out.skipBytes(6);
        assertEquals(0, WireReader.u8(out));
        assertEquals(0, WireReader.u8(out));
        assertEquals(0, out.readableBytes());
    }
}
