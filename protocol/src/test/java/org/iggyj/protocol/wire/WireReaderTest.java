package org.iggyj.protocol.wire;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Hex;
import org.junit.jupiter.api.Test;

class WireReaderTest {

    @Test
    void shouldReadLittleEndianUnsignedValues() {
        ByteBuf buf = Hex.buf("ff feff ffffffff ffffffffffffffff 02 00");
        assertEquals(255, WireReader.u8(buf));
        assertEquals(0xfffe, WireReader.u16(buf));
        assertEquals(0xFFFF_FFFFL, WireReader.u32(buf));
        assertEquals(-1L, WireReader.u64(buf));
        assertTrue(WireReader.bool(buf));
        assertFalse(WireReader.bool(buf));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.u8(buf));
    }

    @Test
    void shouldFailTruncatedFixedWidthReads() {
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.u32(Hex.buf("01 02 03")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.u64(Hex.buf("01 02 03 04 05 06 07")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.optPartition(Hex.buf("01 00 00 00")));
    }

    @Test
    void shouldApplyNameRules() {
        assertEquals("iggy", WireReader.name(Hex.buf("04 69 67 67 79")));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> WireReader.name(Hex.buf("00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.name(Hex.buf("02 ff fe")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.name(Hex.buf("05 69 67")));
        assertEquals("", WireReader.str8(Hex.buf("00")));
        assertEquals("ab", WireReader.str32(Hex.buf("02 00 00 00 61 62")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> WireReader.str32(Hex.buf("ff ff ff ff 61")));
    }

    @Test
    void shouldTreatOnlyFlagOneAsPresentPartition() {
        assertEquals(7, WireReader.optPartition(Hex.buf("01 07 00 00 00")));
        assertEquals(WireReader.NO_PARTITION, WireReader.optPartition(Hex.buf("00 07 00 00 00")));
        assertEquals(WireReader.NO_PARTITION, WireReader.optPartition(Hex.buf("02 07 00 00 00")));
        ByteBuf out = Unpooled.buffer();
        WireWriter.optPartition(out, WireReader.NO_PARTITION);
        WireWriter.optPartition(out, 3);
        assertEquals("00 00 00 00 00 01 03 00 00 00", Hex.of(out));
    }

    @Test
    void shouldWriteLengthPrefixedStrings() {
        ByteBuf out = Unpooled.buffer();
        WireWriter.name(out, "é");
        WireWriter.str32(out, "ab");
        assertEquals("02 c3 a9 02 00 00 00 61 62", Hex.of(out));
    }
}
