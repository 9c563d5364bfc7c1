package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WebSocketPayloadsTest {

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + seed);
        }
        return out;
    }

    /** The wire bytes of {@code frames} as a server writes them: Netty's encoder, unmasked. */
    private static byte[] wire(WebSocketFrame... frames) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        for (WebSocketFrame frame : frames) {
            encoder.writeOutbound(frame);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf piece;
        while ((piece = encoder.readOutbound()) != null) {
            out.writeBytes(ByteBufUtil.getBytes(piece));
            piece.release();
        }
        encoder.finishAndReleaseAll();
        return out.toByteArray();
    }

    private static void feed(EmbeddedChannel channel, byte[] wire, int step) {
        for (int i = 0; i < wire.length; i += step) {
            channel.writeInbound(Unpooled.copiedBuffer(wire, i, Math.min(step, wire.length - i)));
        }
    }

    private static BinaryWebSocketFrame binary(byte[] payload, boolean fin) {
        return new BinaryWebSocketFrame(fin, 0, Unpooled.wrappedBuffer(payload));
    }

    @Test
    void shouldPassOnBinaryPayloadsByteForByteAndControlFramesAsFramesWhateverTheReadBoundaries() {
        byte[] small = bytes(3, 1);
        byte[] medium = bytes(70_000, 2); // 16-bit extended length
        byte[] large = bytes(1_100_000, 3); // 64-bit extended length, as a poll reply
        byte[] part1 = bytes(500, 4);
        byte[] part2 = bytes(125, 5);
        byte[] part3 = bytes(126, 6);
        byte[] wire = wire(binary(small, true),
                new TextWebSocketFrame("dropped"),
                binary(medium, true),
                binary(part1, false),
                new PingWebSocketFrame(Unpooled.wrappedBuffer(bytes(4, 7))),
                new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(part2)),
                new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(part3)),
                binary(new byte[0], true),
                binary(large, true),
                new CloseWebSocketFrame(1000, "bye"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] b : new byte[][] {small, medium, part1, part2, part3, large}) {
            expected.writeBytes(b);
        }
        for (int step : new int[] {1, 2, 3, 9, 10, 11, 1000, 16_384, 65_536, wire.length}) {
            EmbeddedChannel channel = new EmbeddedChannel(new WebSocketPayloads(null));
            feed(channel, wire, step);
            ByteArrayOutputStream payloads = new ByteArrayOutputStream();
            List<WebSocketFrame> controls = new ArrayList<>();
            Object msg;
            while ((msg = channel.readInbound()) != null) {
                if (msg instanceof WebSocketFrame frame) {
                    controls.add(frame);
                } else {
                    ByteBuf buf = (ByteBuf) msg;
                    payloads.writeBytes(ByteBufUtil.getBytes(buf));
                    buf.release();
                }
            }
            assertArrayEquals(expected.toByteArray(), payloads.toByteArray(), "read step " + step);
            assertEquals(2, controls.size(), "read step " + step);
            PingWebSocketFrame ping = assertInstanceOf(PingWebSocketFrame.class, controls.get(0));
            assertArrayEquals(bytes(4, 7), ByteBufUtil.getBytes(ping.content()));
            CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, controls.get(1));
            assertEquals(1000, close.statusCode());
            assertEquals("bye", close.reasonText());
            controls.forEach(WebSocketFrame::release);
            assertFalse(channel.finish());
        }
    }

    @Test
    void shouldCarryWholeRepliesToTheResponseHandler() throws Exception {
        byte[] first = bytes(1_000_000, 8);
        byte[] second = bytes(17, 9);
        byte[] wire = wire(binary(reply(first), true), binary(reply(second), true));
        for (int step : new int[] {7, 16_384, 65_536, wire.length}) {
            ResponseHandler handler = new ResponseHandler();
            EmbeddedChannel channel = new EmbeddedChannel(new WebSocketPayloads(handler), handler);
            PendingReply<byte[]> one = new PendingReply<>(100, ByteBufUtil::getBytes);
            PendingReply<byte[]> two = new PendingReply<>(100, ByteBufUtil::getBytes);
            handler.enqueue(one);
            handler.enqueue(two);
            feed(channel, wire, step);
            CompletableFuture<byte[]> a = one.future();
            CompletableFuture<byte[]> b = two.future();
            assertTrue(a.isDone() && b.isDone(), "read step " + step);
            assertArrayEquals(first, a.get(), "read step " + step);
            assertArrayEquals(second, b.get(), "read step " + step);
            assertFalse(channel.finish());
        }
    }

    @Test
    void shouldLendTheReplysRoomOnlyWhenItLiesWithinTheMessagesPayload() throws Exception {
        byte[] body = bytes(200_000, 10);
        byte[] whole = reply(body);
        int head = 1000;
        // one message carrying the reply: after its first bytes, the rest may be read into the reply's buffer
        byte[] wire = wire(binary(whole, true));
        int headerLength = wire.length - whole.length;
        ResponseHandler handler = new ResponseHandler();
        WebSocketPayloads payloads = new WebSocketPayloads(handler);
        EmbeddedChannel channel = new EmbeddedChannel(payloads, handler);
        PendingReply<byte[]> pending = new PendingReply<>(100, ByteBufUtil::getBytes);
        handler.enqueue(pending);
        assertEquals(null, payloads.room(1), "nothing read yet");
        channel.writeInbound(Unpooled.copiedBuffer(wire, 0, headerLength + head));
        ByteBuf room = payloads.room(ResponseHandler.MIN_ROOM_BYTES);
        assertEquals(whole.length - head, room.writableBytes());
        room.writeBytes(whole, head, whole.length - head);
        channel.writeInbound(room);
        assertArrayEquals(body, pending.future().get());
        assertEquals(null, payloads.room(1), "between messages");
        assertFalse(channel.finish());

        // the same reply in two fragments: the room would take the second one's header, so none is lent
        int split = 100_000;
        byte[] fragments = wire(binary(Arrays.copyOfRange(whole, 0, split), false),
                new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(whole, split, whole.length - split)));
        ResponseHandler handler2 = new ResponseHandler();
        WebSocketPayloads payloads2 = new WebSocketPayloads(handler2);
        EmbeddedChannel channel2 = new EmbeddedChannel(payloads2, handler2);
        PendingReply<byte[]> pending2 = new PendingReply<>(100, ByteBufUtil::getBytes);
        handler2.enqueue(pending2);
        channel2.writeInbound(Unpooled.copiedBuffer(fragments, 0, headerLength + head));
        assertEquals(null, payloads2.room(ResponseHandler.MIN_ROOM_BYTES), "missing bytes beyond the fragment");
        feed(channel2, Arrays.copyOfRange(fragments, headerLength + head, fragments.length), 65_536);
        assertArrayEquals(body, pending2.future().get());
        assertFalse(channel2.finish());
    }

    @Test
    void shouldRejectAMaskedFrameFromTheServer() {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        encoder.writeOutbound(binary(bytes(10, 1), true));
        ByteBuf masked = encoder.readOutbound();
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketPayloads(null));
        assertThrows(CorruptedWebSocketFrameException.class, () -> channel.writeInbound(masked));
        assertFalse(channel.finish());
        encoder.finishAndReleaseAll();
    }

    /** An Iggy reply frame: status 0, length, payload. */
    private static byte[] reply(byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        out.writeIntLE(0).writeIntLE(payload.length).writeBytes(payload);
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }
}
