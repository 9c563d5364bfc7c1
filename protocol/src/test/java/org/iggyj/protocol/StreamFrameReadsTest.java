package org.iggyj.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFrameReadsTest {

    /** A stream whose frames carry a 4-byte little-endian payload length; a length over 1 MiB is refused. */
    private static final class Stream extends ChannelInboundHandlerAdapter implements StreamFrameReads.Header {
        final StreamFrameReads reads = new StreamFrameReads(4, this);
        final List<byte[]> payloads = new ArrayList<>();
        int refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (reads.read(ctx, (ByteBuf) msg)) {
                ByteBuf payload = reads.takePayload();
                payloads.add(ByteBufUtil.getBytes(payload));
                payload.release();
            }
        }

        @Override
        public int payloadLength(ChannelHandlerContext ctx, ByteBuf header) {
            long length = header.getUnsignedIntLE(header.readerIndex());
            if (length > 1 << 20) {
                refused++;
                return -1;
            }
            return (int) length;
        }
    }

    private static byte[] frame(int length) {
        ByteBuf frame = Unpooled.buffer().writeIntLE(length);
        for (int i = 0; i < length; i++) {
            frame.writeByte(i * 31 + 7);
        }
        return ByteBufUtil.getBytes(frame);
    }

    @Test
    void shouldGatherAFrameFromReadsOfEverySize() {
        byte[] wire = frame(70_000);
        for (int step : new int[] {1, 3, 4, 5, 4096, 70_004}) {
            Stream stream = new Stream();
            EmbeddedChannel channel = new EmbeddedChannel(stream);
            for (int at = 0; at < wire.length; at += step) {
                channel.writeInbound(Unpooled.copiedBuffer(wire, at, Math.min(step, wire.length - at)));
            }
            assertEquals(1, stream.payloads.size(), "reads of " + step);
            assertArrayEquals(java.util.Arrays.copyOfRange(wire, 4, wire.length), stream.payloads.get(0));
            assertNull(stream.reads.room(), "nothing lent once the payload was taken");
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void shouldLendTheRestOfThePayloadAndCountWhatTheLentReadBrought() {
        Stream stream = new Stream();
        EmbeddedChannel channel = new EmbeddedChannel(stream);
        byte[] wire = frame(1000);
        assertNull(stream.reads.room(), "no room before the header");
        channel.writeInbound(Unpooled.copiedBuffer(wire, 0, 4 + 10));
        ByteBuf room = stream.reads.room();
        assertEquals(990, room.writableBytes());
        room.writeBytes(wire, 14, 990);
        channel.writeInbound(room);
        assertEquals(1, stream.payloads.size());
        assertArrayEquals(java.util.Arrays.copyOfRange(wire, 4, wire.length), stream.payloads.get(0));
        assertEquals(0, room.refCnt(), "the lent room went with the payload");
    }

    @Test
    void shouldStopAtARefusedHeaderAndReleaseWhatFollows() {
        Stream stream = new Stream();
        EmbeddedChannel channel = new EmbeddedChannel(stream);
        ByteBuf header = Unpooled.buffer().writeIntLE((1 << 20) + 1).writeBytes(new byte[100]);
        channel.writeInbound(header);
        ByteBuf more = Unpooled.buffer().writeBytes(new byte[100]);
        channel.writeInbound(more);
        assertEquals(1, stream.refused);
        assertTrue(stream.payloads.isEmpty());
        assertEquals(0, header.refCnt());
        assertEquals(0, more.refCnt(), "reads after the refusal are released unread");
        assertFalse(stream.reads.complete());
    }

    @Test
    void shouldReleaseAHalfGatheredFrame() {
        Stream stream = new Stream();
        EmbeddedChannel channel = new EmbeddedChannel(stream);
        channel.writeInbound(Unpooled.copiedBuffer(frame(500), 0, 2));
        channel.writeInbound(Unpooled.copiedBuffer(frame(500), 2, 200));
        ByteBuf room = stream.reads.room();
        room.release();
        stream.reads.release();
        stream.reads.release();
        assertNull(stream.reads.room());
        assertFalse(stream.reads.complete());
    }
}
