package org.iggyj.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.iggyj.spi.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinaryMessageCodecTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new BinaryMessageCodec());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private String readInbound() {
        ByteBuf b = channel.readInbound();
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

    @Test
    void binaryMessagesAndTheirFragmentsBecomeOneStreamAndTextIsIgnored() {
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, bytes("ab")));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes("cd")));
        channel.writeInbound(new TextWebSocketFrame(false, 0, "text"));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes("more text")));
        channel.writeInbound(new BinaryWebSocketFrame(bytes("ef")));

        assertEquals("ab", readInbound());
        assertEquals("cd", readInbound());
        assertEquals("ef", readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void everyReplyBufferLeavesAsOneBinaryMessage() {
        channel.writeOutbound(bytes("reply-1"), bytes("reply-2"));

        for (String expected : List.of("reply-1", "reply-2")) {
            BinaryWebSocketFrame frame = assertInstanceOf(BinaryWebSocketFrame.class, channel.readOutbound());
            assertEquals(expected, frame.content().toString(StandardCharsets.US_ASCII));
            frame.release();
        }
    }

    @Test
    void transportIsDiscoverableThroughServiceLoader() {
        List<String> names = ServiceLoader.load(Transport.class).stream().map(p -> p.get().name()).toList();
        assertEquals(List.of(WebSocketTransport.NAME), names);
    }
}
