package org.iggyj.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsWriteSlicerTest {

    /** Stands where the SslHandler is: counts what reaches it and the flushes between. */
    private static final class EngineSide extends ChannelOutboundHandlerAdapter {
        final List<Integer> flushedAfter = new ArrayList<>();
        int writes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            writes++;
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushedAfter.add(writes);
            ctx.flush();
        }
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 13 + i / 251);
        }
        return bytes;
    }

    private static byte[] drain(EmbeddedChannel channel, List<Integer> sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            sizes.add(b.readableBytes());
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    @Test
    void largeReplyLeavesInFlushedSlicesWithTheSameBytes() {
        EngineSide engine = new EngineSide();
        EmbeddedChannel channel = new EmbeddedChannel(engine, new TlsWriteSlicer());
        byte[] header = bytes(8);
        byte[] body = bytes(2 * TlsWriteSlicer.SLICE_BYTES + 1000);
        CompositeByteBuf reply = Unpooled.compositeBuffer(2)
                .addComponents(true, Unpooled.wrappedBuffer(header), Unpooled.directBuffer().writeBytes(body));

        ChannelFuture written = channel.writeAndFlush(reply);

        assertTrue(written.isSuccess());
        List<Integer> sizes = new ArrayList<>();
        byte[] out = drain(channel, sizes);
        assertEquals(0, reply.refCnt(), "the slices give the reply back once released");
        assertEquals(List.of(TlsWriteSlicer.SLICE_BYTES, TlsWriteSlicer.SLICE_BYTES, 1008), sizes);
        // Each full slice is flushed as soon as it is written; the caller's flush takes the last one.
        assertEquals(List.of(1, 2, 3), engine.flushedAfter);
        byte[] expected = new byte[header.length + body.length];
        System.arraycopy(header, 0, expected, 0, header.length);
        System.arraycopy(body, 0, expected, header.length, body.length);
        assertArrayEquals(expected, out);
        channel.finishAndReleaseAll();
    }

    @Test
    void smallWriteWaitingForAFlushLeavesBeforeTheFirstSliceOfALargeOne() {
        EngineSide engine = new EngineSide();
        EmbeddedChannel channel = new EmbeddedChannel(engine, new TlsWriteSlicer());
        ByteBuf frameHeader = Unpooled.wrappedBuffer(bytes(10));
        ByteBuf payload = Unpooled.directBuffer().writeBytes(bytes(TlsWriteSlicer.SLICE_BYTES + 1));

        channel.write(frameHeader);
        channel.writeAndFlush(payload);

        List<Integer> sizes = new ArrayList<>();
        drain(channel, sizes);
        assertEquals(List.of(10, TlsWriteSlicer.SLICE_BYTES, 1), sizes);
        // The header alone, then the first slice, then the caller's flush of the last slice.
        assertEquals(List.of(1, 2, 3), engine.flushedAfter);
        channel.finishAndReleaseAll();
    }

    @Test
    void smallWritesAndOtherMessagesPassUntouched() {
        EngineSide engine = new EngineSide();
        EmbeddedChannel channel = new EmbeddedChannel(engine, new TlsWriteSlicer());
        ByteBuf small = Unpooled.wrappedBuffer(bytes(TlsWriteSlicer.SLICE_BYTES));
        Object other = new Object();

        channel.write(small);
        channel.write(other);
        channel.flush();

        assertSame(small, channel.readOutbound());
        assertSame(other, channel.readOutbound());
        assertEquals(List.of(2), engine.flushedAfter);
        small.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldTakeTheSliceSizeFromItsPropertyWithinBounds() {
        assertEquals(TlsWriteSlicer.DEFAULT_SLICE_BYTES, TlsWriteSlicer.sliceBytes(null));
        assertEquals(512 * 1024, TlsWriteSlicer.sliceBytes(" 524288"));
        assertEquals(16 * 1024, TlsWriteSlicer.sliceBytes("16384"));
        assertThrows(IllegalArgumentException.class, () -> TlsWriteSlicer.sliceBytes("16383"));
        assertThrows(IllegalArgumentException.class, () -> TlsWriteSlicer.sliceBytes("16777217"));
        assertThrows(IllegalArgumentException.class, () -> TlsWriteSlicer.sliceBytes("128k"));
    }
}
