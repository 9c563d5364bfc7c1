package org.iggyj.protocol.wire;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Hex;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    private static Permissions sample() {
        StreamPermissions s1 = StreamPermissions.of(false, true, false, true, true, false)
                .withTopics(Map.of(5L, new TopicPermissions(true, false, true, false),
                        2L, new TopicPermissions(false, true, false, true)));
        StreamPermissions s0 = StreamPermissions.of(true, false, false, false, false, true);
        return new Permissions(false, true, false, true, false, false, false, false, true, false,
                new java.util.TreeMap<>(Map.of(1L, s1, 0L, s0)));
    }

    @Test
    void shouldWriteTheGlobalOnlyFormIn11Bytes() {
        ByteBuf buf = Unpooled.buffer();
        Permissions.all().write(buf);
        assertEquals("01 01 01 01 01 01 01 01 01 01 00", Hex.of(buf));
        assertEquals(11, Permissions.all().encodedLength());
    }

    @Test
    void shouldWriteStreamsAndTopicsSortedWithContinuationFlags() {
        ByteBuf buf = Unpooled.buffer();
        sample().write(buf);
        assertEquals(Hex.norm("00 01 00 01 00 00 00 00 01 00 01"
                + " 00 00 00 00 01 00 00 00 00 01 00 01"
                + " 01 00 00 00 00 01 00 01 01 00 01"
                + " 02 00 00 00 00 01 00 01 01"
                + " 05 00 00 00 01 00 01 00 00"
                + " 00"), Hex.of(buf));
        assertEquals(sample().encodedLength(), buf.readableBytes());
    }

    @Test
    void shouldRoundTrip() {
        ByteBuf buf = Unpooled.buffer();
        Permissions p = sample();
        p.write(buf);
        buf.writeByte(0x7f);
        Permissions back = Permissions.read(buf, p.encodedLength());
        assertEquals(p, back);
        assertEquals(1, buf.readableBytes());
        assertTrue(back.streams().get(1L).topics().get(5L).manageTopic());
        assertFalse(back.streams().get(0L).readStream());
    }

    @Test
    void shouldRejectLengthMismatchWithInvalidFormat() {
        ByteBuf buf = Unpooled.buffer();
        sample().write(buf);
        int length = buf.readableBytes();
        buf.writeZero(4);
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> Permissions.read(buf.duplicate(), length + 1));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> Permissions.read(buf.duplicate(), length - 1));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> Permissions.read(Hex.buf("01 01"), 11));
    }
}
