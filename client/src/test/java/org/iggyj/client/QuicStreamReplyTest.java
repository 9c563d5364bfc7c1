package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.RoomReads;
import org.junit.jupiter.api.Test;

/**
 * One QUIC stream's reply, read as the stream channel reads it: through the receive allocator the handler
 * installs on its channel ({@link RoomReads}), the "stream" filling whatever buffer that allocator hands out.
 */
class QuicStreamReplyTest {

    private static byte[] frame(int status, byte[] payload) {
        return ByteBufUtil.getBytes(Unpooled.buffer().writeIntLE(status).writeIntLE(payload.length).writeBytes(payload));
    }

    private static byte[] payload(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** Reads of at most {@code step} bytes each (a stream read may return less than the buffer holds). */
    private static void feed(EmbeddedChannel channel, byte[] wire, int step) {
        assertTrue(channel.config().getRecvByteBufAllocator() instanceof RoomReads, "the handler installs its reads");
        RecvByteBufAllocator.Handle reads = channel.config().getRecvByteBufAllocator().newHandle();
        int at = 0;
        while (at < wire.length && channel.isOpen()) {
            ByteBuf buffer = reads.allocate(PooledByteBufAllocator.DEFAULT);
            int n = Math.min(Math.min(step, buffer.writableBytes()), wire.length - at);
            buffer.writeBytes(wire, at, n);
            at += n;
            channel.writeInbound(buffer);
        }
    }

    private static CompletableFuture<byte[]> reply(EmbeddedChannel[] channel) {
        PendingReply<byte[]> pending = new PendingReply<>(100, ByteBufUtil::getBytes);
        channel[0] = new EmbeddedChannel(new QuicRequests.StreamReply(pending));
        return pending.future();
    }

    @Test
    void shouldAssembleRepliesOfEverySizeFromReadsOfEverySize() {
        for (int length : new int[] {0, 3, 16_383, 1_000_000, 3 << 20}) {
            byte[] payload = payload(length, length);
            for (int step : new int[] {1, 5, 9, 16_383, 65_536, 1 << 20, 4 << 20}) {
                if (step < 16_383 && length >= 16_383) {
                    continue; // byte-sized reads of large payloads say nothing more than the small payloads do
                }
                EmbeddedChannel[] channel = new EmbeddedChannel[1];
                CompletableFuture<byte[]> reply = reply(channel);
                feed(channel[0], frame(0, payload), step);
                assertArrayEquals(payload, reply.getNow(null), "payload " + length + ", reads of " + step);
                assertFalse(channel[0].isOpen(), "the stream is closed once its reply is in");
            }
        }
    }

    @Test
    void shouldLendThePayloadsUnreadRestOnceTheHeaderIsIn() {
        EmbeddedChannel[] channel = new EmbeddedChannel[1];
        CompletableFuture<byte[]> reply = reply(channel);
        byte[] payload = payload(1_000_000, 2);
        byte[] wire = frame(0, payload);
        RecvByteBufAllocator.Handle reads = channel[0].config().getRecvByteBufAllocator().newHandle();
        channel[0].writeInbound(Unpooled.wrappedBuffer(wire, 0, 8 + 100));
        ByteBuf room = reads.allocate(PooledByteBufAllocator.DEFAULT);
        assertEquals(1_000_000 - 100, room.writableBytes(), "the rest of the payload, not a read buffer of its own");
        room.writeBytes(wire, 8 + 100, wire.length - 8 - 100);
        channel[0].writeInbound(room);
        assertArrayEquals(payload, reply.getNow(null));
        assertEquals(0, room.refCnt(), "the lent room is released with the payload");
    }

    @Test
    void shouldFailTheReplyOfAStreamThatEndsEarly() {
        EmbeddedChannel[] channel = new EmbeddedChannel[1];
        CompletableFuture<byte[]> reply = reply(channel);
        byte[] wire = frame(0, payload(100_000, 1));
        feed(channel[0], java.util.Arrays.copyOf(wire, 50_000), 16_383);
        assertFalse(reply.isDone());
        channel[0].pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
        assertTrue(reply.isCompletedExceptionally());
        assertFalse(channel[0].isOpen());
    }

    @Test
    void shouldFailWithTheServersStatus() {
        EmbeddedChannel[] channel = new EmbeddedChannel[1];
        CompletableFuture<byte[]> reply = reply(channel);
        feed(channel[0], frame(1009, new byte[0]), 3);
        assertTrue(reply.isCompletedExceptionally());
        IggyClientException error = (IggyClientException) reply.handle((value, cause) -> cause).join();
        assertEquals(1009, error.status());
    }
}
