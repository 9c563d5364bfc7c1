package org.iggyj.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.iggyj.spi.wire.ReplyFrame;

/**
 * Between WebSocket messages and the binary protocol's bytes. Inbound, the payloads of binary
 * messages (and their continuation fragments) form one byte stream, as in Iggy 0.8, so a request
 * may span messages and a message may hold several requests; text messages and their fragments are
 * ignored. Outbound, every reply becomes exactly one binary message: a whole reply in one buffer (see
 * {@link org.iggyj.spi.wire.OrderedCommandHandler}) as a {@code BinaryWebSocketFrame}; with
 * {@code replyParts}, a reply written in parts (its header, the poll header, then the file regions of a
 * poll that a {@code TlsRegionReader} reads further down) as a {@link BinaryFrameHeader} sized from the
 * reply header's length, followed by the parts as they are. One instance per channel, confined to its
 * event loop.
 */
final class BinaryMessageCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private final boolean replyParts;
    private boolean inTextMessage;
    /** Bytes of the reply being written in parts still to come: its message's header has gone. */
    private long partsRemaining;

    /** Every outbound buffer is one whole reply. */
    BinaryMessageCodec() {
        this(false);
    }

    /**
     * @param replyParts whether a reply may come in parts: a first buffer shorter than the length its reply
     *                   header gives, then buffers and file regions making up the rest
     */
    BinaryMessageCodec(boolean replyParts) {
        this.replyParts = replyParts;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (partsRemaining > 0) {
            partsRemaining -= bytesOf(msg);
            ctx.write(msg, promise);
            return;
        }
        if (replyParts && msg instanceof ByteBuf first && first.readableBytes() >= ReplyFrame.HEADER_LENGTH) {
            long whole = ReplyFrame.HEADER_LENGTH + first.getUnsignedIntLE(first.readerIndex() + 4);
            if (whole > first.readableBytes()) {
                ctx.write(BinaryFrameHeader.of(ctx.alloc(), whole));
                partsRemaining = whole - first.readableBytes();
                ctx.write(first, promise);
                return;
            }
        }
        super.write(ctx, msg, promise);
    }

    private static long bytesOf(Object part) {
        if (part instanceof ByteBuf buffer) {
            return buffer.readableBytes();
        }
        if (part instanceof FileRegion region) {
            return region.count() - region.transferred();
        }
        throw new IllegalStateException("not part of a reply: " + part.getClass().getName());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf reply, List<Object> out) {
        out.add(new BinaryWebSocketFrame(reply.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame) {
            inTextMessage = false;
            out.add(frame.content().retain());
        } else if (frame instanceof TextWebSocketFrame) {
            inTextMessage = !frame.isFinalFragment();
        } else if (frame instanceof ContinuationWebSocketFrame) {
            if (!inTextMessage) {
                out.add(frame.content().retain());
            } else if (frame.isFinalFragment()) {
                inTextMessage = false;
            }
        }
        // Pong frames are dropped by the protocol handler; ping and close it answers itself.
    }
}
