package org.iggyj.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.iggyj.protocol.StreamFrameReads;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.iggyj.spi.wire.ReplyFrame;
import org.iggyj.spi.wire.RequestFrameDecoder;

/**
 * One request on one bidirectional stream, as Iggy 0.8's QUIC transport: reads the 8-byte header and
 * exactly {@code length - 4} payload bytes, dispatches them with the connection's session, writes the
 * reply ({@code status, length, payload}) with the stream's FIN on its last bytes. A payload over its
 * limit is answered with error 3 at once, without reading it. One instance per stream, on its
 * event loop.
 *
 * <p>Design note: once the header is in, the stream's reads land in the payload's buffer
 * ({@link StreamFrameReads}, its room lent by {@link #readRoom} through the {@code RoomReads} that
 * {@link QuicStreamInitializer} installs): quiche copies each byte once.
 */
final class QuicRequestHandler extends ChannelInboundHandlerAdapter implements StreamFrameReads.Header {

    private static final int SEND_MESSAGES_CODE = 101;

    private final CommandDispatcher dispatcher;
    private final FrameLimits limits;
    private final StreamFrameReads reads = new StreamFrameReads(RequestFrameDecoder.HEADER_LENGTH, this);
    private int code;
    private boolean dispatched;

    QuicRequestHandler(CommandDispatcher dispatcher, FrameLimits limits) {
        this.dispatcher = dispatcher;
        this.limits = limits;
    }

    /**
     * The rest of the payload, for the stream's next read to fill in place; the room ends where the frame
     * ends, so no read takes bytes past it. Event loop only; the slice must come back as the next read.
     *
     * @return a retained, empty slice of the payload's unwritten part, or null (the read takes a buffer of
     *         its own)
     */
    ByteBuf readRoom() {
        return dispatched ? null : reads.room();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || dispatched) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (reads.read(ctx, bytes)) {
            dispatch(ctx);
        }
    }

    @Override
    public int payloadLength(ChannelHandlerContext ctx, ByteBuf header) {
        long length = header.getUnsignedIntLE(header.readerIndex());
        code = header.getIntLE(header.readerIndex() + 4);
        long limit = code == SEND_MESSAGES_CODE ? limits.maxSendPayloadBytes() : limits.maxControlPayloadBytes();
        if (length < 4 || length - 4 > Math.min(limit, Integer.MAX_VALUE - RequestFrameDecoder.HEADER_LENGTH)) {
            dispatched = true;
            respond(ctx, Reply.error(ReplyFrame.INVALID_COMMAND));
            return -1;
        }
        return (int) (length - 4);
    }

    private void dispatch(ChannelHandlerContext ctx) {
        dispatched = true;
        ByteBuf request = reads.takePayload();
        Session session = ((QuicStreamChannel) ctx.channel()).parent().attr(QuicConnectionHandler.SESSION).get();
        CompletionStage<Reply> reply;
        if (session == null) {
            request.release();
            reply = CompletableFuture.completedFuture(Reply.error(ReplyFrame.GENERIC_ERROR));
        } else {
            try {
                reply = dispatcher.dispatch(session, code, request);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
        }
        reply.whenComplete((result, error) -> {
            Reply toWrite = error != null || result == null ? Reply.error(ReplyFrame.GENERIC_ERROR) : result;
            try {
                ctx.executor().execute(() -> respond(ctx, toWrite));
            } catch (RejectedExecutionException e) {
                toWrite.payload().release();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reads.release();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void respond(ChannelHandlerContext ctx, Reply reply) {
        reads.release();
        ByteBuf replyPayload = reply.payload();
        ByteBuf header = ReplyFrame.header(ctx.alloc(), reply.status(), replyPayload.readableBytes());
        ByteBuf frame = ctx.alloc().compositeBuffer(2).addComponents(true, header, replyPayload);
        // The FIN rides on the reply's last bytes: a shutdownOutput() once the write is done would cost every
        // reply one more quiche send, and a small reply (a producer's) one more packet for the client to read.
        ChannelFuture written = ctx.writeAndFlush(new DefaultQuicStreamFrame(frame, true))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (reply.closeConnection()) {
            written.addListener(done -> ((QuicStreamChannel) ctx.channel()).parent().close());
        }
    }
}
