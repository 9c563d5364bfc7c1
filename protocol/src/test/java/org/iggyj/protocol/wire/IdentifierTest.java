package org.iggyj.protocol.wire;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierTest {

    @Test
    void shouldEncodeTheSpecExamples() {
        assertEquals("01 04 01 00 00 00", encode(Identifier.numeric(1)));
        assertEquals("01 04 00 00 00 00", encode(Identifier.numeric(0)));
        assertEquals("02 06 6f 72 64 65 72 73", encode(Identifier.named("orders")));
    }

    @Test
    void shouldRoundTripNumericAndNamed() {
        for (Identifier id : new Identifier[] {Identifier.numeric(0), Identifier.numeric(0xFFFF_FFFFL),
                Identifier.named("orders"), Identifier.named("zürich")}) {
            ByteBuf buf = Unpooled.buffer();
            id.write(buf);
            assertEquals(id.encodedLength(), buf.readableBytes());
            assertEquals(id, Identifier.read(buf));
            assertFalse(buf.isReadable());
        }
        assertTrue(Identifier.numeric(7).isNumeric());
        assertEquals("7", Identifier.numeric(7).toString());
        assertEquals(9, Identifier.named("zürich").encodedLength());
    }

    @ParameterizedTest
    @CsvSource({
        "01 03 01 00 00, INVALID_FORMAT",
        "01 08 01 00 00 00 00 00 00 00, INVALID_FORMAT",
        "02 00, INVALID_FORMAT",
        "03 04 01 00 00 00, INVALID_COMMAND",
        "00 04 01 00 00 00, INVALID_COMMAND",
        "01 04 01 00 00, INVALID_COMMAND",
        "02 05 61 62, INVALID_COMMAND",
        "02 02 c3 28, INVALID_COMMAND",
        "01, INVALID_COMMAND",
        "'', INVALID_COMMAND"
    })
    void shouldRejectMalformedControlIdentifiers(String hex, ErrorCode expected) {
        assertFailsWith(expected, () -> Identifier.read(Hex.buf(hex)));
    }

    @ParameterizedTest
    @CsvSource({"01 03 01 00 00", "02 00", "03 04 01 00 00 00", "01 04 01", "02 02 c3 28", "''"})
    void shouldReportInvalidIdentifierInSendMetadata(String hex) {
        assertFailsWith(ErrorCode.INVALID_IDENTIFIER, () -> Identifier.readInSendMetadata(Hex.buf(hex)));
    }

    @Test
    void shouldRefuseToBuildInvalidIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> Identifier.named(""));
        assertThrows(IllegalArgumentException.class, () -> Identifier.numeric(-1));
        assertThrows(IllegalArgumentException.class, () -> Identifier.numeric(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> Identifier.named("x".repeat(256)));
    }

    private static String encode(Identifier id) {
        ByteBuf buf = Unpooled.buffer();
        id.write(buf);
        return Hex.of(buf);
    }
}
