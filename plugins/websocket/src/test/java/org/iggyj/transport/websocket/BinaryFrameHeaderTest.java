package org.iggyj.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.iggyj.spi.wire.ReplyFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryFrameHeaderTest {

    @TempDir
    Path dir;

    /** The header must be the one Netty's server-side encoder writes, for each of the three length forms. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 200, 65_535, 65_536, 3_000_000})
    void isTheHeaderNettysEncoderWritesForTheSameLength(int length) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        encoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[length])));
        ByteBuf netty = Unpooled.buffer();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            netty.writeBytes(part);
            part.release();
        }
        ByteBuf ours = BinaryFrameHeader.of(ByteBufAllocator.DEFAULT, length);
        try {
            assertEquals(ByteBufUtil.hexDump(netty, 0, ours.readableBytes()), ByteBufUtil.hexDump(ours));
            assertEquals(netty.readableBytes(), ours.readableBytes() + length);
        } finally {
            ours.release();
            netty.release();
            encoder.finishAndReleaseAll();
        }
    }

    /**
     * A reply in parts (reply header, poll header, a file region) through the codec and Netty's encoder is
     * byte for byte the message the same reply makes in one buffer.
     */
    @Test
    void replyInPartsIsTheSameMessageAsTheWholeReply() throws IOException {
        byte[] messages = new byte[200_000];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = (byte) (i * 31 + 7);
        }
        Path file = Files.write(dir.resolve("segment"), messages);
        byte[] pollHeader = {1, 2, 3, 4, 5, 6, 7, 8};
        int length = pollHeader.length + messages.length;

        ByteBuf whole = Unpooled.buffer().writeIntLE(0).writeIntLE(length).writeBytes(pollHeader).writeBytes(messages);
        byte[] expected = wire(new BinaryMessageCodec(false), whole);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileRegion region = new DefaultFileRegion(channel, 0, messages.length);
            byte[] actual = wire(new BinaryMessageCodec(true),
                    Unpooled.buffer().writeIntLE(0).writeIntLE(length), Unpooled.wrappedBuffer(pollHeader), region);
            assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(actual));
        }
        // and the next whole reply is its own message again
        byte[] error = wire(new BinaryMessageCodec(true), Unpooled.buffer().writeIntLE(4).writeIntLE(0));
        assertEquals("8208" + "04000000" + "00000000", ByteBufUtil.hexDump(error));
    }

    private static byte[] wire(BinaryMessageCodec codec, Object... parts) throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false), codec);
        for (Object part : parts) {
            channel.write(part);
        }
        channel.flush();
        CompositeByteBuf out = Unpooled.compositeBuffer();
        for (Object written; (written = channel.readOutbound()) != null; ) {
            if (written instanceof FileRegion region) {
                ByteBuffer target = ByteBuffer.allocate((int) region.count());
                region.transferTo(new WritableByteChannel() {
                    @Override
                    public int write(ByteBuffer src) {
                        int n = src.remaining();
                        target.put(src);
                        return n;
                    }

                    @Override
                    public boolean isOpen() {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                }, 0);
                region.release();
                out.addComponent(true, Unpooled.wrappedBuffer(target.flip()));
            } else {
                out.addComponent(true, (ByteBuf) written);
            }
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        channel.finishAndReleaseAll();
        return bytes;
    }
}
