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
 * <p>Design note: once the header is in, the payload's buffer is allocated whole and the stream's reads
 * land in it ({@link #readRoom}, installed by {@link QuicStreamInitializer} through
 * {@code RoomReads}): quiche copies each byte once, straight into the buffer the kernel is handed. Without
 * it a fresh stream channel read a 1 MB batch in 2, 32 and then 64 KiB buffers (its adaptive allocator
 * starts small for every stream, that is every request), gathered them in a composite and copied the
 * whole payload once more into one contiguous buffer.
 */
final class QuicRequestHandler extends ChannelInboundHandlerAdapter {

    private static final int SEND_MESSAGES_CODE = 101;

    private final CommandDispatcher dispatcher;
    private final FrameLimits limits;
    /** The first bytes while fewer than a header arrived (rare: quiche hands over what the packets carry). */
    private ByteBuf partialHeader;
    private int code;
    /** The payload being received, allocated at its full size once the header is read. */
    private ByteBuf payload;
    /** The slice of {@link #payload} lent to the next read, recognised when it comes back. */
    private ByteBuf room;
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
        if (dispatched || payload == null || !payload.isWritable()) {
            return null;
        }
        room = payload.retainedSlice(payload.writerIndex(), payload.writableBytes()).clear();
        return room;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || dispatched) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (bytes == room) {
            room = null;
            payload.writerIndex(payload.writerIndex() + bytes.readableBytes());
            bytes.release();
        } else if (payload == null) {
            if (!readHeader(ctx, bytes)) {
                return;
            }
        } else {
            // A read made without the room (none lent): copy what belongs to the payload.
            payload.writeBytes(bytes, bytes.readerIndex(), Math.min(bytes.readableBytes(), payload.writableBytes()));
            bytes.release();
        }
        if (!payload.isWritable()) {
            dispatch(ctx);
        }
    }

    /**
     * Takes the header from {@code bytes} (with what came before it), allocates the payload and copies into
     * it the payload bytes that came with the header. Releases {@code bytes}.
     *
     * @return true when the payload buffer exists; false while the header is incomplete or after an error reply
     */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf bytes) {
        ByteBuf in = bytes;
        if (partialHeader != null) {
            in = partialHeader.writeBytes(bytes);
            bytes.release();
            partialHeader = null;
        }
        try {
            if (in.readableBytes() < RequestFrameDecoder.HEADER_LENGTH) {
                partialHeader = ctx.alloc().buffer(RequestFrameDecoder.HEADER_LENGTH + in.readableBytes())
                        .writeBytes(in);
                return false;
            }
            long length = in.getUnsignedIntLE(in.readerIndex());
            code = in.getIntLE(in.readerIndex() + 4);
            long limit = code == SEND_MESSAGES_CODE ? limits.maxSendPayloadBytes() : limits.maxControlPayloadBytes();
            if (length < 4 || length - 4 > Math.min(limit, Integer.MAX_VALUE - RequestFrameDecoder.HEADER_LENGTH)) {
                dispatched = true;
                respond(ctx, Reply.error(ReplyFrame.INVALID_COMMAND));
                return false;
            }
            int payloadLength = (int) (length - 4);
            // One contiguous direct buffer, as the stream decoders of the other transports hand over: the kernel
            // reads message bytes in place (checksums by memory address).
            payload = ctx.alloc().directBuffer(payloadLength, payloadLength);
            int with = in.readableBytes() - RequestFrameDecoder.HEADER_LENGTH;
            payload.writeBytes(in, in.readerIndex() + RequestFrameDecoder.HEADER_LENGTH, Math.min(with, payloadLength));
            return true;
        } finally {
            in.release();
        }
    }

    private void dispatch(ChannelHandlerContext ctx) {
        dispatched = true;
        ByteBuf request = payload;
        payload = null;
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
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void respond(ChannelHandlerContext ctx, Reply reply) {
        release();
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

    private void release() {
        if (partialHeader != null) {
            partialHeader.release();
            partialHeader = null;
        }
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }
}
