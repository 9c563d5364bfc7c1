package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.RoomReads;
import org.junit.jupiter.api.Test;

class ResponseHandlerTest {

    private static ByteBuf frame(int status, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        out.writeIntLE(status).writeIntLE(payload.length).writeBytes(payload);
        return out;
    }

    private static byte[] payload(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static CompletableFuture<byte[]> expect(EmbeddedChannel channel, ResponseHandler handler) {
        PendingReply<byte[]> reply = new PendingReply<>(100, ByteBufUtil::getBytes);
        handler.enqueue(reply); // the embedded channel's event loop is the calling thread
        return reply.future();
    }

    /** Feeds {@code bytes} in pieces of {@code step} bytes, each its own buffer, as reads would. */
    private static void feed(EmbeddedChannel channel, byte[] bytes, int step) {
        for (int i = 0; i < bytes.length; i += step) {
            channel.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(step, bytes.length - i)));
        }
    }

    @Test
    void shouldMatchEveryFrameToItsRequestWhateverTheReadBoundaries() throws Exception {
        byte[][] payloads = {payload(0, 1), payload(3, 2), payload(5000, 3), payload(17, 4), payload(70_000, 5)};
        ByteBuf stream = Unpooled.buffer();
        for (byte[] p : payloads) {
            stream.writeBytes(frame(0, p));
        }
        byte[] wire = ByteBufUtil.getBytes(stream);
        for (int step : new int[] {1, 2, 7, 8, 9, 1000, 4096, 65_536, wire.length}) {
            ResponseHandler handler = new ResponseHandler();
            EmbeddedChannel channel = new EmbeddedChannel(handler);
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < payloads.length; i++) {
                replies.add(expect(channel, handler));
            }
            feed(channel, wire, step);
            for (int i = 0; i < payloads.length; i++) {
                assertArrayEquals(payloads[i], replies.get(i).getNow(null), "step " + step + ", frame " + i);
            }
            assertFalse(channel.finish());
        }
    }

    @Test
    void shouldReuseTheAssemblyForTheNextLargeReplyWithoutMixingThem() throws Exception {
        ResponseHandler handler = new ResponseHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        for (int round = 0; round < 5; round++) {
            byte[] p = payload(200_000 - round * 1000, round);
            CompletableFuture<byte[]> reply = expect(channel, handler);
            feed(channel, ByteBufUtil.getBytes(frame(0, p)), 65_536);
            assertArrayEquals(p, reply.getNow(null), "round " + round);
        }
        assertFalse(channel.finish());
    }

    @Test
    void shouldFailTheRequestWithTheServerStatus() {
        ResponseHandler handler = new ResponseHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        CompletableFuture<byte[]> reply = expect(channel, handler);
        feed(channel, ByteBufUtil.getBytes(frame(ErrorCode.STREAM_NAME_NOT_FOUND.code(), new byte[0])), 3);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, reply::get);
        assertEquals(ErrorCode.STREAM_NAME_NOT_FOUND, ((IggyClientException) e.getCause()).errorCode());
        channel.finish();
    }

    @Test
    void shouldFailPendingRequestsWhenTheConnectionClosesMidFrame() {
        ResponseHandler handler = new ResponseHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        CompletableFuture<byte[]> reply = expect(channel, handler);
        byte[] wire = ByteBufUtil.getBytes(frame(0, payload(10_000, 9)));
        channel.writeInbound(Unpooled.copiedBuffer(wire, 0, 5000));
        assertFalse(reply.isDone());
        channel.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, reply::get);
        assertEquals(ErrorCode.CONNECTION_CLOSED, ((IggyClientException) e.getCause()).errorCode());
    }

    @Test
    void shouldCloseOnAFrameLongerThanABufferCanHold() {
        ResponseHandler handler = new ResponseHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        CompletableFuture<byte[]> reply = expect(channel, handler);
        ByteBuf bad = Unpooled.buffer().writeIntLE(0).writeIntLE(-1).writeBytes(new byte[32]);
        channel.writeInbound(bad);
        assertTrue(reply.isCompletedExceptionally());
        assertFalse(channel.isOpen());
        assertEquals(0, bad.refCnt());
    }

    /**
     * Reads as {@link RoomReads} makes them on plain TCP: whenever the handler offers the room
     * left in a reply's assembly, the "socket" fills that room in place (at most {@code step} bytes, as a
     * read may return less), otherwise an ordinary buffer of up to {@code step} bytes.
     */
    private static void feedThroughAllocator(EmbeddedChannel channel, ResponseHandler handler, byte[] wire, int step) {
        RoomReads allocator = new RoomReads(new io.netty.channel.AdaptiveRecvByteBufAllocator(),
                () -> handler.assemblyRoom(ResponseHandler.MIN_ROOM_BYTES));
        io.netty.channel.RecvByteBufAllocator.Handle reads = allocator.newHandle();
        int at = 0;
        while (at < wire.length) {
            ByteBuf buffer = reads.allocate(io.netty.buffer.PooledByteBufAllocator.DEFAULT);
            int n = Math.min(Math.min(step, buffer.writableBytes()), wire.length - at);
            buffer.writeBytes(wire, at, n);
            at += n;
            channel.writeInbound(buffer);
        }
    }

    @Test
    void shouldAssembleRepliesFromReadsIntoTheirOwnRoom() throws Exception {
        byte[][] payloads = {payload(300_000, 1), payload(3, 2), payload(70_000, 3), payload(1_000_000, 4),
            payload(17, 5), payload(20_000, 6)};
        ByteBuf stream = Unpooled.buffer();
        for (byte[] p : payloads) {
            stream.writeBytes(frame(0, p));
        }
        byte[] wire = ByteBufUtil.getBytes(stream);
        for (int step : new int[] {5, 1000, 16_384, 65_536, 100_001, 1 << 20}) {
            ResponseHandler handler = new ResponseHandler();
            EmbeddedChannel channel = new EmbeddedChannel(handler);
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < payloads.length; i++) {
                replies.add(expect(channel, handler));
            }
            feedThroughAllocator(channel, handler, wire, step);
            for (int i = 0; i < payloads.length; i++) {
                assertArrayEquals(payloads[i], replies.get(i).getNow(null), "step " + step + ", frame " + i);
            }
            assertFalse(channel.finish());
        }
    }

    @Test
    void shouldOfferTheRoomOnlyForTheMissingBytesOfAKnownLength() {
        ResponseHandler handler = new ResponseHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        CompletableFuture<byte[]> reply = expect(channel, handler);
        byte[] p = payload(100_000, 7);
        byte[] wire = ByteBufUtil.getBytes(frame(0, p));
        assertEquals(null, handler.assemblyRoom(1), "nothing is being assembled");
        channel.writeInbound(Unpooled.copiedBuffer(wire, 0, 6));
        assertEquals(null, handler.assemblyRoom(1), "the length is not known yet");
        channel.writeInbound(Unpooled.copiedBuffer(wire, 6, 10_000 - 6));
        ByteBuf room = handler.assemblyRoom(ResponseHandler.MIN_ROOM_BYTES);
        assertEquals(wire.length - 10_000, room.writableBytes());
        assertEquals(0, room.readableBytes());
        room.writeBytes(wire, 10_000, wire.length - 10_000 - 100);
        channel.writeInbound(room);
        assertEquals(null, handler.assemblyRoom(101), "100 bytes missing");
        assertFalse(reply.isDone());
        channel.writeInbound(Unpooled.copiedBuffer(wire, wire.length - 100, 100));
        assertArrayEquals(p, reply.getNow(null));
        assertFalse(channel.finish());
    }
}
