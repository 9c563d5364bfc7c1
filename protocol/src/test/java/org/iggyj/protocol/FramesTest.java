package org.iggyj.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void shouldWritePingRequestAsInTheSpec() {
        ByteBuf out = Unpooled.buffer();
        Frames.writeRequestHeader(out, CommandCode.PING, 0);
        assertEquals("04 00 00 00 01 00 00 00", Hex.of(out));
        out.release();
    }

    @Test
    void shouldWriteResponseHeaders() {
        ByteBuf out = Unpooled.buffer();
        Frames.writeResponseHeader(out, 0, 4);
        Frames.writeErrorResponse(out, ErrorCode.INVALID_CREDENTIALS);
        Frames.writeErrorResponse(out, ErrorCode.STREAM_ID_NOT_FOUND);
        assertEquals("00 00 00 00 04 00 00 00 2a 00 00 00 00 00 00 00 f1 03 00 00 00 00 00 00", Hex.of(out));
        out.release();
    }

    @Test
    void shouldMatchMessageLayoutSizes() {
        assertEquals(64, MessageLayout.HEADER_LENGTH);
        assertEquals(MessageLayout.RESERVED_OFFSET + 8, MessageLayout.HEADER_LENGTH);
        assertEquals(10_485_760, Frames.MAX_CONTROL_PAYLOAD_BYTES);
    }
}
