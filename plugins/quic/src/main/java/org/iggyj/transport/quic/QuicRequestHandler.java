package org.iggyj.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
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
 */
final class QuicRequestHandler extends ChannelInboundHandlerAdapter {

    private static final int SEND_MESSAGES_CODE = 101;

    private final CommandDispatcher dispatcher;
    private final FrameLimits limits;
    private CompositeByteBuf received;
    private boolean dispatched;

    QuicRequestHandler(CommandDispatcher dispatcher, FrameLimits limits) {
        this.dispatcher = dispatcher;
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || dispatched) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (received == null) {
            received = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
        received.addComponent(true, bytes);
        if (received.readableBytes() < RequestFrameDecoder.HEADER_LENGTH) {
            return;
        }
        long length = received.getUnsignedIntLE(0);
        int code = received.getIntLE(4);
        long limit = code == SEND_MESSAGES_CODE ? limits.maxSendPayloadBytes() : limits.maxControlPayloadBytes();
        if (length < 4 || length - 4 > Math.min(limit, Integer.MAX_VALUE - RequestFrameDecoder.HEADER_LENGTH)) {
            dispatched = true;
            respond(ctx, Reply.error(ReplyFrame.INVALID_COMMAND));
            return;
        }
        int payloadLength = (int) (length - 4);
        if (received.readableBytes() < RequestFrameDecoder.HEADER_LENGTH + payloadLength) {
            return;
        }
        dispatched = true;
        // One contiguous buffer, as the stream decoders of the other transports hand over: the kernel
        // reads message bytes in place (checksums by memory address) and a composite of QUIC frames has none.
        // Component by component: writeBytes from a composite would first merge it into one more copy.
        ByteBuf payload = ctx.alloc().directBuffer(payloadLength, payloadLength);
        received.getBytes(RequestFrameDecoder.HEADER_LENGTH, payload, 0, payloadLength);
        payload.writerIndex(payloadLength);
        Session session = ((QuicStreamChannel) ctx.channel()).parent().attr(QuicConnectionHandler.SESSION).get();
        CompletionStage<Reply> reply;
        if (session == null) {
            payload.release();
            reply = CompletableFuture.completedFuture(Reply.error(ReplyFrame.GENERIC_ERROR));
        } else {
            try {
                reply = dispatcher.dispatch(session, code, payload);
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
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void respond(ChannelHandlerContext ctx, Reply reply) {
        release();
        ByteBuf payload = reply.payload();
        ByteBuf header = ReplyFrame.header(ctx.alloc(), reply.status(), payload.readableBytes());
        ByteBuf frame = ctx.alloc().compositeBuffer(2).addComponents(true, header, payload);
        // The FIN rides on the reply's last bytes: a shutdownOutput() once the write is done would cost every
        // reply one more quiche send, and a small reply (a producer's) one more packet for the client to read.
        ChannelFuture written = ctx.writeAndFlush(new DefaultQuicStreamFrame(frame, true))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (reply.closeConnection()) {
            written.addListener(done -> ((QuicStreamChannel) ctx.channel()).parent().close());
        }
    }

    private void release() {
        if (received != null) {
            received.release();
            received = null;
        }
    }
}
