package org.iggyj.spi.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.List;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.junit.jupiter.api.Test;

class RecordingDispatcherTest {

    private final RecordingDispatcher dispatcher = new RecordingDispatcher();
    private final Session session = new FakeSessions()
            .open(TransportKind.TCP, new InetSocketAddress("127.0.0.1", 1));

    @Test
    void shouldEchoAndReleaseThePayloadWhenNotScripted() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        Reply reply = dispatcher.dispatch(session, 42, payload).toCompletableFuture().join();

        assertEquals(0, payload.refCnt());
        assertTrue(reply.isOk());
        assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(reply.payload()));
        reply.payload().release();
        assertEquals(List.of(42), dispatcher.codes());
        assertEquals(session, dispatcher.calls().get(0).session());
    }

    @Test
    void shouldAnswerFromTheScriptWhenScripted() {
        dispatcher.reply(1, () -> Reply.error(3));
        Reply reply = dispatcher.dispatch(session, 1, Unpooled.buffer(0)).toCompletableFuture().join();
        assertEquals(3, reply.status());
    }
}
