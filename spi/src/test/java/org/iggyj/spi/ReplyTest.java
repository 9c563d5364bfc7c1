package org.iggyj.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyTest {

    @TempDir
    Path dir;

    @Test
    void shouldCountPayloadAndRegionsInItsLengthAndMaterializeThemInOrder() throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "0123456789");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        FileRegion first = new DefaultFileRegion(channel, 2, 3);
        FileRegion second = new DefaultFileRegion(FileChannel.open(file, StandardOpenOption.READ), 7, 3);
        Reply reply = Reply.ok(Unpooled.copiedBuffer("head:", StandardCharsets.US_ASCII), List.of(first, second));

        assertEquals(11, reply.length());
        Reply whole = reply.materialize(UnpooledByteBufAllocator.DEFAULT);

        assertTrue(whole.fileRegions().isEmpty());
        assertEquals(11, whole.length());
        assertArrayEquals("head:234789".getBytes(StandardCharsets.US_ASCII), ByteBufUtil.getBytes(whole.payload()));
        assertEquals(0, first.refCnt());
        assertEquals(0, second.refCnt());
        whole.release();
        assertEquals(0, whole.payload().refCnt());
    }

    @Test
    void shouldReturnAReplyWithoutRegionsAsItIs() {
        ByteBuf payload = Unpooled.buffer().writeInt(7);
        Reply reply = Reply.ok(payload);

        assertSame(reply, reply.materialize(UnpooledByteBufAllocator.DEFAULT));
        assertEquals(4, reply.length());
        reply.release();
    }
}
