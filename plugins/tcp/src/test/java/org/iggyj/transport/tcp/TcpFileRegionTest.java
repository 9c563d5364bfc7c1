package org.iggyj.transport.tcp;

import static org.iggyj.transport.tcp.Frames.buf;
import static org.iggyj.transport.tcp.Frames.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Reply;
import org.iggyj.spi.test.FakeTransportContext;
import org.iggyj.spi.wire.OrderedCommandHandler;
import org.iggyj.spi.wire.RequestFrameDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies with file regions (zero-copy polls): header with the whole length, payload, then the regions. */
class TcpFileRegionTest {

    private static final int POLL = 100;

    private final FakeTransportContext context = new FakeTransportContext().pooled();
    private EmbeddedChannel channel;

    @TempDir
    Path dir;

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void shouldWriteHeaderPayloadAndRegionsInOrder() throws IOException {
        Path file = dir.resolve("segment");
        Files.writeString(file, "0123456789");
        FileRegion region = new DefaultFileRegion(FileChannel.open(file, StandardOpenOption.READ), 3, 4);
        context.dispatcher().reply(POLL, () ->
            Reply.ok(Unpooled.copiedBuffer("head", StandardCharsets.US_ASCII), List.of(region)));
        channel = new EmbeddedChannel(new RequestFrameDecoder(context.limits()),
            new OrderedCommandHandler(context.dispatcher(), context.sessions(), TransportKind.TCP, true));

        channel.writeInbound(buf(request(POLL, new byte[0])));
        channel.runPendingTasks();

        ByteBuf header = channel.readOutbound();
        assertEquals(0, header.readIntLE());
        assertEquals(8, header.readIntLE(), "payload plus region bytes");
        header.release();
        ByteBuf payload = channel.readOutbound();
        assertArrayEquals("head".getBytes(StandardCharsets.US_ASCII), ByteBufUtil.getBytes(payload));
        payload.release();
        FileRegion written = assertInstanceOf(FileRegion.class, channel.readOutbound());
        assertEquals(3, written.position());
        assertEquals(4, written.count());
        written.release();
        assertNull(channel.readOutbound());
        assertTrue(channel.isOpen());
    }
}
