package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayDeque;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;

/**
 * Matches whole response frames to pending requests in FIFO order (the server answers a connection's
 * requests in the order they arrive). Confined to the channel's event loop: requests are enqueued by the
 * same event-loop task that writes them, so queue order is wire order. When the connection closes, every
 * pending request fails with {@link ErrorCode#CONNECTION_CLOSED}; so does every pending request when the
 * server sends its 8 {@code disconnected} notice, which it may send at any time, also where a reply was due.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private final ArrayDeque<PendingReply<?>> pending = new ArrayDeque<>();
    private boolean closed;

    /** Event loop only. Fails the request at once when the connection is already closed. */
    void enqueue(PendingReply<?> reply) {
        if (closed) {
            reply.fail(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "connection closed"));
            return;
        }
        pending.addLast(reply);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        int status = frame.getIntLE(frame.readerIndex());
        if (status == ErrorCode.DISCONNECTED.code()) {
            // The server is closing the connection: whatever is in flight is cut off, not answered.
            closed = true;
            failAll(PendingReply.serverDisconnected());
            ctx.close();
            return;
        }
        PendingReply<?> reply = pending.pollFirst();
        if (reply == null) {
            // An unsolicited frame: nothing waits for it.
            return;
        }
        ByteBuf payload = frame.slice(frame.readerIndex() + Frames.RESPONSE_HEADER_LENGTH,
                frame.readableBytes() - Frames.RESPONSE_HEADER_LENGTH);
        reply.complete(status, payload);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        failAll(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "connection closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(new IggyClientException(ErrorCode.TCP_ERROR, "connection failed: " + cause));
        ctx.close();
    }

    private void failAll(IggyClientException e) {
        PendingReply<?> reply;
        while ((reply = pending.pollFirst()) != null) {
            reply.fail(e);
        }
    }
}
