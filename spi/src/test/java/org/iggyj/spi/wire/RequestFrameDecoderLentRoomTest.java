package org.iggyj.spi.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import org.iggyj.spi.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room {@link RequestFrameDecoder} lends to socket reads ({@link PayloadReceiveAllocator}): bytes read
 * into it become the payload without a copy, and every way a lent read can end leaves the stream intact.
 */
class RequestFrameDecoderLentRoomTest {

    private static final int SEND_MESSAGES = 101;
    private static final FrameLimits LIMITS = new FrameLimits(1024 * 1024, 16 * 1024 * 1024);

    private final RequestFrameDecoder decoder = new RequestFrameDecoder(LIMITS);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldLendNothingBetweenFrames() {
        assertNull(decoder.lendPayloadRoom());
        byte[] payload = pattern(10_000);
        channel.writeInbound(direct(frame(payload)));
        assertPayload(payload, channel.readInbound());
        assertNull(decoder.lendPayloadRoom());
    }

    @Test
    void shouldTurnBytesReadIntoLentRoomIntoThePayloadInPlace() {
        byte[] payload = pattern(1_000_000);
        byte[] frame = frame(payload);
        channel.writeInbound(direct(Arrays.copyOf(frame, 65_536)));
        int at = 65_536;
        long firstRoomAddress = 0;
        while (at < frame.length) {
            ByteBuf room = decoder.lendPayloadRoom();
            assertNotNull(room, "room at " + at);
            assertEquals(frame.length - at, room.writableBytes(), "the room ends where the payload does");
            int read = Math.min(200_000, frame.length - at);
            room.writeBytes(frame, at, read);
            at += read;
            if (firstRoomAddress == 0) {
                firstRoomAddress = room.memoryAddress();
            }
            channel.writeInbound(room);
        }
        InboundFrame.Request request = channel.readInbound();
        assertEquals(firstRoomAddress, request.payload().memoryAddress() + 65_536 - 8,
                "the payload lies in the memory the reads went to");
        assertPayload(payload, request);
        assertNull(decoder.lendPayloadRoom());
    }

    @Test
    void shouldKeepTheStreamWhenALentReadGetsNothing() {
        byte[] payload = pattern(300_000);
        byte[] frame = frame(payload);
        channel.writeInbound(direct(Arrays.copyOf(frame, 1_000)));
        ByteBuf room = decoder.lendPayloadRoom();
        assertNotNull(room);
        room.release(); // what the transport does when the read returns nothing
        channel.writeInbound(direct(Arrays.copyOfRange(frame, 1_000, 5_000)));
        ByteBuf next = decoder.lendPayloadRoom();
        assertNotNull(next);
        next.writeBytes(frame, 5_000, frame.length - 5_000);
        channel.writeInbound(next);
        assertPayload(payload, channel.readInbound());
    }

    private static void assertPayload(byte[] expected, InboundFrame.Request request) {
        try {
            assertEquals(SEND_MESSAGES, request.code());
            assertArrayEquals(expected, ByteBufUtil.getBytes(request.payload()));
        } finally {
            request.payload().release();
        }
    }

    private static ByteBuf direct(byte[] bytes) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        return buf.writeBytes(bytes);
    }

    private static byte[] frame(byte[] payload) {
        byte[] frame = new byte[8 + payload.length];
        int length = 4 + payload.length;
        for (int i = 0; i < 4; i++) {
            frame[i] = (byte) (length >>> (8 * i));
            frame[4 + i] = (byte) (SEND_MESSAGES >>> (8 * i));
        }
        System.arraycopy(payload, 0, frame, 8, payload.length);
        return frame;
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }
}
