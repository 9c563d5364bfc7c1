package org.iggyj.transport.tcp;

import static org.iggyj.transport.tcp.Frames.buf;
import static org.iggyj.transport.tcp.Frames.concat;
import static org.iggyj.transport.tcp.Frames.header;
import static org.iggyj.transport.tcp.Frames.reply;
import static org.iggyj.transport.tcp.Frames.request;
import static org.iggyj.transport.tcp.Frames.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Reply;
import org.iggyj.spi.test.FakeTransportContext;
import org.iggyj.spi.wire.OrderedCommandHandler;
import org.iggyj.spi.wire.RequestFrameDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpPipelineTest {

    private static final int PING = 1;
    private static final int SEND_MESSAGES = 101;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] OK_EMPTY = reply(0, EMPTY);
    private static final byte[] INVALID_COMMAND = reply(3, EMPTY);

    private final FakeTransportContext context = new FakeTransportContext().pooled();
    private RequestFrameDecoder decoder;
    private EmbeddedChannel channel;

    private EmbeddedChannel open() {
        context.dispatcher().reply(PING, Reply::ok);
        decoder = new RequestFrameDecoder(context.limits());
        channel = new EmbeddedChannel(decoder,
                new OrderedCommandHandler(context.dispatcher(), context.sessions(), TransportKind.TCP));
        return channel;
    }

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void shouldAnswerPingWithEmptySuccessFrame() {
        open().writeInbound(buf(request(PING, EMPTY)));

        assertArrayEquals(OK_EMPTY, written(channel));
        assertEquals(List.of(PING), context.dispatcher().codes());
        assertEquals(TransportKind.TCP, context.dispatcher().calls().get(0).session().transport());
    }

    @Test
    void shouldDecodeFrameSplitByteByByte() {
        byte[] frame = request(42, new byte[] {1, 2, 3});
        open();
        for (byte b : frame) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertArrayEquals(reply(0, new byte[] {1, 2, 3}), written(channel));
        assertEquals(1, context.dispatcher().calls().size());
    }

    @Test
    void shouldDecodeABatchSizedFrameArrivingInSocketSizedReads() {
        byte[] payload = pattern(1_000_000, 7);
        open();
        feedInChunks(request(SEND_MESSAGES, payload), 65_536);

        assertArrayEquals(reply(0, payload), written(channel));
        assertEquals(List.of(SEND_MESSAGES), context.dispatcher().codes());
    }

    @Test
    void shouldKeepAPayloadInFlightIntactWhileTheNextLargeFrameArrives() {
        // A shard reads a payload in flight through its memory (checksums, the gathering file write), not
        // through the ByteBuf, so the decoder must never move the memory under it.
        CompletableFuture<Reply> first = new CompletableFuture<>();
        io.netty.buffer.ByteBuf[] held = new io.netty.buffer.ByteBuf[1];
        java.nio.ByteBuffer[] heldMemory = new java.nio.ByteBuffer[1];
        CommandDispatcher holding = (session, code, payload) -> {
            if (held[0] == null) {
                held[0] = payload;
                heldMemory[0] = payload.nioBuffer();
                return first;
            }
            payload.release();
            return CompletableFuture.completedFuture(Reply.ok(Unpooled.EMPTY_BUFFER));
        };
        byte[] firstPayload = pattern(300_000, 1);
        byte[] secondPayload = pattern(700_000, 2);
        channel = new EmbeddedChannel(new RequestFrameDecoder(context.limits()),
                new OrderedCommandHandler(holding, context.sessions(), TransportKind.TCP));
        // The first frame's tail and the second frame's head share a read: the second is decoded in the
        // buffer the first request's payload points into.
        feedInChunks(concat(request(SEND_MESSAGES, firstPayload), request(SEND_MESSAGES, secondPayload)), 65_536);

        byte[] seen = new byte[firstPayload.length];
        heldMemory[0].get(seen);
        assertArrayEquals(firstPayload, seen);
        held[0].release();
        first.complete(Reply.ok(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void shouldAnswerTwoFramesOfOneBufferInOrder() {
        open().writeInbound(buf(concat(request(10, bytes("a")), request(11, bytes("bb")))));

        assertArrayEquals(concat(reply(0, bytes("a")), reply(0, bytes("bb"))), written(channel));
        assertEquals(List.of(10, 11), context.dispatcher().codes());
    }

    @Test
    void shouldHoldLaterFramesWhileARequestIsInFlight() {
        CompletableFuture<Reply> first = new CompletableFuture<>();
        context.dispatcher().answer(10, call -> first);
        open().writeInbound(buf(concat(request(10, EMPTY), header(2, PING), request(11, bytes("x")))));

        assertArrayEquals(EMPTY, written(channel));
        assertEquals(List.of(10), context.dispatcher().codes());
        assertFalse(channel.config().isAutoRead());

        first.complete(Reply.ok(Unpooled.wrappedBuffer(bytes("first"))));

        assertArrayEquals(concat(reply(0, bytes("first")), INVALID_COMMAND, reply(0, bytes("x"))), written(channel));
        assertEquals(List.of(10, 11), context.dispatcher().codes());
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void shouldAnswerErrorThreeWhenLengthIsBelowFourAndKeepReading() {
        open().writeInbound(buf(concat(header(3, PING), request(PING, EMPTY))));

        assertArrayEquals(concat(INVALID_COMMAND, OK_EMPTY), written(channel));
        assertEquals(List.of(PING), context.dispatcher().codes());
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldDiscardOversizedControlFrameWithoutBufferingAndStayInSync() {
        int payloadBytes = 11 * 1024 * 1024;
        int chunkBytes = 64 * 1024;
        open().writeInbound(buf(header(4L + payloadBytes, PING)));
        byte[] chunk = new byte[chunkBytes];
        // Payload bytes that look like ping frames: a desynchronised reader would answer them.
        for (int i = 0; i + 8 <= chunkBytes; i += 8) {
            System.arraycopy(request(PING, EMPTY), 0, chunk, i, 8);
        }
        for (int sent = 0; sent < payloadBytes; sent += chunkBytes) {
            channel.writeInbound(buf(chunk));
            assertEquals(0, decoder.bufferedBytes());
            if (sent + chunkBytes < payloadBytes) {
                assertArrayEquals(EMPTY, written(channel));
            }
        }
        channel.writeInbound(buf(request(PING, EMPTY)));

        assertArrayEquals(concat(INVALID_COMMAND, OK_EMPTY), written(channel));
        assertEquals(List.of(PING), context.dispatcher().codes());
    }

    @Test
    void shouldDiscardSendFrameOverTheConfiguredSendLimit() {
        context.maxSendPayloadBytes(1000);
        open().writeInbound(buf(concat(
                request(SEND_MESSAGES, new byte[1001]),
                request(SEND_MESSAGES, new byte[1000]),
                request(PING, EMPTY))));

        assertArrayEquals(concat(INVALID_COMMAND, reply(0, new byte[1000]), OK_EMPTY), written(channel));
        assertEquals(List.of(SEND_MESSAGES, PING), context.dispatcher().codes());
    }

    @Test
    void shouldApplyTheControlLimitToEveryOtherCode() {
        context.maxSendPayloadBytes(1000);
        open().writeInbound(buf(request(42, new byte[1001])));

        assertArrayEquals(reply(0, new byte[1001]), written(channel));
    }

    @Test
    void shouldAnswerErrorOneAndStayOpenWhenTheDispatcherFails() {
        context.dispatcher().fail(42, new IllegalStateException("kernel bug"));
        open().writeInbound(buf(concat(request(42, EMPTY), request(42, EMPTY), request(PING, EMPTY))));

        assertArrayEquals(concat(reply(1, EMPTY), reply(1, EMPTY), OK_EMPTY), written(channel));
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldCloseAfterWritingAReplyThatAsksForIt() {
        context.dispatcher().reply(42, () -> Reply.error(30));
        open().writeInbound(buf(concat(request(42, EMPTY), request(PING, EMPTY))));

        assertArrayEquals(reply(30, EMPTY), written(channel));
        assertFalse(channel.isOpen());
        assertEquals(List.of(42), context.dispatcher().codes());
    }

    @Test
    void shouldOpenTheSessionOnConnectAndCloseItOnDisconnect() {
        open();
        assertEquals(1, context.sessions().opened().size());
        assertEquals(TransportKind.TCP, context.sessions().opened().get(0).transport());

        channel.close();
        channel.runPendingTasks();

        assertEquals(context.sessions().opened(), context.sessions().closed());
    }

    @Test
    void shouldReleaseQueuedPayloadsAndALateReplyWhenTheConnectionCloses() {
        CompletableFuture<Reply> first = new CompletableFuture<>();
        context.dispatcher().answer(10, call -> first);
        open().writeInbound(buf(concat(request(10, EMPTY), request(11, bytes("queued")))));
        channel.close();
        channel.runPendingTasks();

        var late = Unpooled.directBuffer().writeBytes(bytes("late"));
        first.complete(Reply.ok(late));
        channel.runPendingTasks();

        assertEquals(0, late.refCnt());
        assertEquals(List.of(10), context.dispatcher().codes());
    }

    private void feedInChunks(byte[] frame, int chunk) {
        for (int at = 0; at < frame.length; at += chunk) {
            int length = Math.min(chunk, frame.length - at);
            channel.writeInbound(channel.alloc().directBuffer(length).writeBytes(frame, at, length));
        }
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
