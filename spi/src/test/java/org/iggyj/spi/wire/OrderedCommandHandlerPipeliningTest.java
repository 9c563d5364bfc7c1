package org.iggyj.spi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.iggyj.spi.test.FakeSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pipelined sends on one connection: up to N consecutive send_messages requests with the dispatcher at
 * once, replies in request order whatever order they complete in, any other command a barrier, and no
 * buffer kept when the connection closes in the middle. Frames are handed to the handler as the decoder
 * would, so the test holds every payload and can check it was let go.
 */
class OrderedCommandHandlerPipeliningTest {

    private static final int SEND = CommandCode.SEND_MESSAGES;
    private static final int PING = CommandCode.PING;
    private static ResourceLeakDetector.Level previousLevel;

    private final HeldDispatcher dispatcher = new HeldDispatcher();
    private EmbeddedChannel channel;

    @BeforeAll
    static void paranoidLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(previousLevel);
    }

    private EmbeddedChannel open(int maxInFlightSends) {
        channel = new EmbeddedChannel(new OrderedCommandHandler(dispatcher, new FakeSessions(), TransportKind.TCP,
                false, maxInFlightSends));
        return channel;
    }

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        dispatcher.releaseAll();
    }

    @Test
    void shouldDispatchUpToNConsecutiveSendsBeforeTheFirstIsAnswered() {
        open(3);
        receive(send("a"), send("b"), send("c"), send("d"));

        assertEquals(List.of("a", "b", "c"), dispatcher.payloads());
        assertFalse(channel.config().isAutoRead(), "no more reads while the window is full");

        dispatcher.complete(0, ok("A"));

        assertEquals(List.of("0:A"), replies());
        assertEquals(List.of("a", "b", "c", "d"), dispatcher.payloads());
    }

    @Test
    void shouldWriteRepliesInRequestOrderWhenTheyCompleteOutOfOrder() {
        open(4);
        receive(send("a"), send("b"), send("c"));
        dispatcher.complete(2, ok("C"));
        dispatcher.complete(1, ok("B"));

        assertEquals(List.of(), replies(), "nothing before the first reply");

        dispatcher.complete(0, ok("A"));

        assertEquals(List.of("0:A", "0:B", "0:C"), replies());
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void shouldHoldAnotherCommandUntilEverySendBeforeItIsAnsweredAndEverythingAfterItUntilItIsAnswered() {
        open(4);
        receive(send("a"), send("b"), request(PING, "p"), send("c"), new InboundFrame.Rejected(3), send("d"));

        assertEquals(List.of("a", "b"), dispatcher.payloads());
        dispatcher.complete(1, ok("B"));
        dispatcher.complete(0, ok("A"));

        assertEquals(List.of("0:A", "0:B"), replies());
        assertEquals(List.of("a", "b", "p"), dispatcher.payloads(), "the ping alone with the dispatcher");
        assertFalse(channel.config().isAutoRead());

        dispatcher.complete(2, ok("P"));

        assertEquals(List.of("0:P"), replies());
        assertEquals(List.of("a", "b", "p", "c"), dispatcher.payloads(), "the rejected frame waits for c");

        dispatcher.complete(3, ok("C"));

        assertEquals(List.of("0:C", "3:"), replies());
        assertEquals(List.of("a", "b", "p", "c", "d"), dispatcher.payloads());
        dispatcher.complete(4, ok("D"));
        assertEquals(List.of("0:D"), replies());
    }

    @Test
    void shouldAnswerAFailedSendInTheMiddleAndGoOnWithTheLaterOnes() {
        open(4);
        receive(send("a"), send("b"), send("c"), send("d"));
        dispatcher.complete(1, Reply.error(4));
        dispatcher.fail(2, new IllegalStateException("a kernel bug"));
        dispatcher.complete(3, ok("D"));
        dispatcher.complete(0, ok("A"));

        assertEquals(List.of("0:A", "4:", ReplyFrame.GENERIC_ERROR + ":", "0:D"), replies());
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldLetGoOfEveryBufferWhenTheConnectionClosesWithSendsInFlight() {
        open(3);
        ByteBuf waiting = payload("d");
        receive(send("a"), send("b"), send("c"), new InboundFrame.Request(SEND, waiting));
        ByteBuf completedEarly = alloc("B");
        dispatcher.complete(1, Reply.ok(completedEarly));
        assertEquals(List.of(), replies());

        channel.close();
        channel.runPendingTasks();
        ByteBuf completedLate = alloc("A");
        ByteBuf completedLater = alloc("C");
        dispatcher.complete(0, Reply.ok(completedLate));
        dispatcher.complete(2, Reply.ok(completedLater));
        channel.runPendingTasks();

        assertEquals(0, waiting.refCnt(), "the frame never dispatched");
        assertEquals(0, completedEarly.refCnt(), "the reply waiting for an earlier one");
        assertEquals(0, completedLate.refCnt(), "the replies completed after the close");
        assertEquals(0, completedLater.refCnt());
    }

    @Test
    void shouldTurnAutoReadOffWhenNAreInFlightAndBackOnWhenOneIsAnswered() {
        open(2);
        receive(send("a"));
        assertTrue(channel.config().isAutoRead(), "room for one more");
        receive(send("b"));
        assertFalse(channel.config().isAutoRead());

        dispatcher.complete(1, ok("B"));
        assertFalse(channel.config().isAutoRead(), "b's slot is freed only once a's reply is written");

        dispatcher.complete(0, ok("A"));
        assertEquals(List.of("0:A", "0:B"), replies());
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void shouldDispatchOneAtATimeWithOneInFlight() {
        open(1);
        receive(send("a"), send("b"));

        assertEquals(List.of("a"), dispatcher.payloads());
        dispatcher.complete(0, ok("A"));
        assertEquals(List.of("0:A"), replies());
        assertEquals(List.of("a", "b"), dispatcher.payloads());
    }

    @Test
    void shouldCopyAPayloadArrivingBehindASendInFlightAtMostOnceMore() {
        // The first send holds the decoder's buffer; Netty's own cumulator would copy the second payload
        // into a new buffer at each power-of-two step as its reads arrive (about twice its size).
        CountingAllocator counting = new CountingAllocator();
        channel = new EmbeddedChannel(new RequestFrameDecoder(new FrameLimits(1 << 20, 8 << 20)),
                new OrderedCommandHandler(dispatcher, new FakeSessions(), TransportKind.TCP, false, 2));
        channel.config().setAllocator(counting);
        byte[] first = pattern(200_000, 1);
        byte[] second = pattern(1_000_000, 2);
        byte[] stream = concat(frame(SEND, first), frame(SEND, second));
        counting.allocated = 0;
        for (int at = 0; at < stream.length; at += 65_536) {
            int end = Math.min(stream.length, at + 65_536);
            channel.writeInbound(counting.buffer(end - at).writeBytes(stream, at, end - at));
        }
        channel.runPendingTasks();

        assertEquals(List.of(new String(first, StandardCharsets.ISO_8859_1), new String(second, StandardCharsets.ISO_8859_1)),
                dispatcher.rawPayloads(), "both payloads intact");
        // Past the reads themselves: the first frame's buffer (grown once to a power of two, 256 KiB) and
        // one buffer for the whole second payload; Netty's doubling would add about 2 MiB.
        long reads = stream.length;
        long extra = counting.allocated - reads;
        assertTrue(extra < 262_144 + second.length * 1.2, "bytes allocated past the reads themselves: " + extra);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static byte[] frame(int code, byte[] payload) {
        return java.nio.ByteBuffer.allocate(8 + payload.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(4 + payload.length).putInt(code).put(payload).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Unpooled heap buffers, counting the capacity asked for, also when a buffer grows. */
    private static final class CountingAllocator extends io.netty.buffer.AbstractByteBufAllocator {

        long allocated;

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            allocated += initialCapacity;
            return new io.netty.buffer.UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
                @Override
                public ByteBuf capacity(int newCapacity) {
                    if (newCapacity > capacity()) {
                        allocated += newCapacity;
                    }
                    return super.capacity(newCapacity);
                }
            };
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    private void receive(InboundFrame... frames) {
        for (InboundFrame frame : frames) {
            channel.writeInbound(frame);
        }
        channel.runPendingTasks();
    }

    private static InboundFrame send(String text) {
        return request(SEND, text);
    }

    private static InboundFrame request(int code, String text) {
        return new InboundFrame.Request(code, payload(text));
    }

    private static ByteBuf payload(String text) {
        return alloc(text);
    }

    private static ByteBuf alloc(String text) {
        return PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply ok(String text) {
        return Reply.ok(alloc(text));
    }

    /** Every reply written since the last call, as {@code status:payload}. */
    private List<String> replies() {
        channel.runPendingTasks();
        List<String> out = new ArrayList<>();
        for (Object written; (written = channel.readOutbound()) != null; ) {
            ByteBuf frame = (ByteBuf) written;
            try {
                int status = frame.readIntLE();
                int length = frame.readIntLE();
                out.add(status + ":" + frame.readCharSequence(length, StandardCharsets.UTF_8));
            } finally {
                frame.release();
            }
        }
        return out;
    }

    /** Keeps each dispatched request's payload (as text) and its reply, completed by the test. */
    private static final class HeldDispatcher implements CommandDispatcher {

        private final List<String> payloads = new ArrayList<>();
        private final List<String> rawPayloads = new ArrayList<>();
        private final List<CompletableFuture<Reply>> replies = new ArrayList<>();

        /** Payloads are held until their request is answered, as a shard holds a send's. */
        @Override
        public CompletableFuture<Reply> dispatch(Session session, int code, ByteBuf payload) {
            payloads.add(payload.toString(StandardCharsets.UTF_8));
            rawPayloads.add(payload.toString(StandardCharsets.ISO_8859_1));
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            reply.whenComplete((r, t) -> payload.release());
            replies.add(reply);
            return reply;
        }

        List<String> payloads() {
            return List.copyOf(payloads);
        }

        List<String> rawPayloads() {
            return List.copyOf(rawPayloads);
        }

        void complete(int request, Reply reply) {
            replies.get(request).complete(reply);
        }

        void fail(int request, Throwable failure) {
            replies.get(request).completeExceptionally(failure);
        }

        /** Lets go of the requests a test left unanswered. */
        void releaseAll() {
            replies.forEach(r -> r.complete(null));
        }
    }
}
