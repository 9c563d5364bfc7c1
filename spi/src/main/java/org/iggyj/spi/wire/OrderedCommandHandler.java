package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FileRegion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.iggyj.spi.SessionRefusedException;
import org.iggyj.spi.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's requests through the kernel's dispatcher and writes the replies (layout in
 * {@link ReplyFrame}) strictly in request order, as the protocol has no request ids.
 *
 * <p>Design note: by default at most one request per connection is with the dispatcher. A client may
 * pipeline sends: up to {@code maxInFlightSends} consecutive send_messages requests are dispatched
 * before the first is answered (in arrival order, so a partition's shard, or the Raft log, sees them
 * in that order), and their replies are still written in request order, each as soon as it and every
 * earlier one are complete. Any other command is a barrier: it is dispatched only once every request
 * before it is answered, and nothing after it is dispatched before it is answered, so login, logout
 * and everything else that reads or changes the session stays sequential. A send that fails does not
 * stop the later ones; each gets its own reply. A request's slot is freed when its reply has been
 * written, which pushes back on a client that stops reading. While no more can be dispatched
 * (the window is full, a barrier is in flight or waits), auto-read is off so the client cannot pile up
 * work, and frames the decoder already produced (several can arrive in one read) wait in a queue.
 * Rejected frames are answered in queue order, once everything before them is answered. Auto-read comes
 * back on when the queue is empty and the window has room.
 *
 * <p>Each reply leaves as one buffer (header and payload composed, never copied), so a
 * message-oriented transport (WebSocket) can wrap every reply in exactly one message. Used by every
 * transport that carries the binary protocol over a byte stream, behind a {@link RequestFrameDecoder}.
 *
 * <p>Opens the connection's session when it becomes active and closes it when it goes inactive; when the
 * kernel refuses the session, or later ends the connection (login timeout), sends an unsolicited error
 * reply with the kernel's code and closes. One
 * instance per channel, confined to its event loop; dispatcher completions are handed back to it.
 */
public final class OrderedCommandHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedCommandHandler.class);

    private final CommandDispatcher dispatcher;
    private final Sessions sessions;
    private final TransportKind transport;
    private final boolean fileRegions;
    private final ArrayDeque<InboundFrame> pending = new ArrayDeque<>();
    private final InFlightReplies inFlight;
    private Session session;
    private boolean barrier;
    private boolean closed;
    private boolean failureLogged;

    /**
     * A handler whose replies are always plain buffers.
     *
     * @param dispatcher the kernel's dispatcher
     * @param sessions   the kernel's session registry
     * @param transport  the transport sessions are opened with
     */
    public OrderedCommandHandler(CommandDispatcher dispatcher, Sessions sessions, TransportKind transport) {
        this(dispatcher, sessions, transport, false);
    }

    /**
     * @param dispatcher  the kernel's dispatcher
     * @param sessions    the kernel's session registry
     * @param transport   the transport sessions are opened with
     * @param fileRegions whether replies may carry file regions: when the channel writes raw
     *                    bytes to a socket (sendfile) or reads them itself ({@link TlsRegionReader})
     */
    public OrderedCommandHandler(CommandDispatcher dispatcher, Sessions sessions, TransportKind transport,
                                 boolean fileRegions) {
        this(dispatcher, sessions, transport, fileRegions, 1);
    }

    /**
     * @param dispatcher       the kernel's dispatcher
     * @param sessions         the kernel's session registry
     * @param transport        the transport sessions are opened with
     * @param fileRegions      whether replies may carry file regions: when the channel writes raw
     *                         bytes to a socket (sendfile) or reads them itself ({@link TlsRegionReader})
     * @param maxInFlightSends how many consecutive send_messages requests may be with the dispatcher at
     *                         once (at least 1; 1 answers every request before dispatching the next)
     */
    public OrderedCommandHandler(CommandDispatcher dispatcher, Sessions sessions, TransportKind transport,
                                 boolean fileRegions, int maxInFlightSends) {
        if (maxInFlightSends < 1) {
            throw new IllegalArgumentException("maxInFlightSends must be at least 1: " + maxInFlightSends);
        }
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.transport = transport;
        this.fileRegions = fileRegions;
        this.inFlight = new InFlightReplies(maxInFlightSends);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        try {
            session = sessions.open(transport, remoteAddress(ctx.channel()), fileRegions,
                    (errorCode, reason) -> closeFromKernel(ctx, errorCode, reason));
        } catch (SessionRefusedException e) {
            closed = true;
            LOG.debug("{} connection {} refused: {}", transport, ctx.channel().remoteAddress(), e.getMessage());
            ctx.writeAndFlush(ReplyFrame.header(ctx.alloc(), e.errorCode(), 0)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    /**
     * The kernel ends the connection (login timeout): an unsolicited error reply, unless a request is
     * with the dispatcher or its reply not written yet (it would follow and confuse the client), then close.
     */
    private void closeFromKernel(ChannelHandlerContext ctx, int errorCode, String reason) {
        try {
            ctx.executor().execute(() -> closeNow(ctx, errorCode, reason));
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down, the connection with it.
        }
    }

    private void closeNow(ChannelHandlerContext ctx, int errorCode, String reason) {
        if (closed || !ctx.channel().isActive()) {
            return;
        }
        closed = true;
        LOG.debug("{} connection {} closed by the kernel: {}", transport, ctx.channel().remoteAddress(), reason);
        if (!inFlight.isEmpty()) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(ReplyFrame.header(ctx.alloc(), errorCode, 0)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        for (InboundFrame frame; (frame = pending.poll()) != null; ) {
            release(frame);
        }
        inFlight.releaseUnwritten();
        if (session != null) {
            sessions.close(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closed) {
            release(frame);
            return;
        }
        pending.add(frame);
        processPending(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Socket errors (reset by peer and the like) are routine for a server; a bad frame never
        // gets here, the decoder answers it with an error reply instead.
        LOG.debug("{} connection {} failed, closing it", transport, ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private void processPending(ChannelHandlerContext ctx) {
        while (!closed) {
            InboundFrame frame = pending.peek();
            if (frame == null || !mayDispatch(frame)) {
                break;
            }
            pending.poll();
            if (frame instanceof InboundFrame.Rejected rejected) {
                write(ctx, Reply.error(rejected.errorCode()));
            } else {
                dispatch(ctx, (InboundFrame.Request) frame);
            }
        }
        if (!closed) {
            ctx.channel().config().setAutoRead(pending.isEmpty() && !barrier && !inFlight.isFull());
        }
    }

    /** A send joins the sends in flight while there is room; anything else waits until none is left. */
    private boolean mayDispatch(InboundFrame frame) {
        if (barrier) {
            return false;
        }
        if (frame instanceof InboundFrame.Request request && request.code() == CommandCode.SEND_MESSAGES) {
            return !inFlight.isFull();
        }
        return inFlight.isEmpty();
    }

    private void dispatch(ChannelHandlerContext ctx, InboundFrame.Request request) {
        barrier = request.code() != CommandCode.SEND_MESSAGES;
        int slot = inFlight.add();
        CompletionStage<Reply> reply;
        try {
            reply = dispatcher.dispatch(session, request.code(), request.payload());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((result, error) -> handBack(ctx, slot, result, error));
    }

    /** Runs on whatever thread completed the reply; everything else happens on the event loop. */
    private void handBack(ChannelHandlerContext ctx, int slot, Reply reply, Throwable error) {
        try {
            ctx.executor().execute(() -> onReply(ctx, slot, reply, error));
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down, the connection with it.
            if (reply != null) {
                reply.release();
            }
        }
    }

    private void onReply(ChannelHandlerContext ctx, int slot, Reply reply, Throwable error) {
        if (closed) {
            if (reply != null) {
                reply.release();
            }
            return;
        }
        Reply toWrite = reply;
        if (error != null || reply == null) {
            logDispatchFailure(error);
            toWrite = Reply.error(ReplyFrame.GENERIC_ERROR);
        }
        inFlight.complete(slot, toWrite);
        writeCompleted(ctx);
    }

    /** Writes, in request order, every reply whose earlier replies are all written. */
    private void writeCompleted(ChannelHandlerContext ctx) {
        for (Reply next; !closed && (next = inFlight.takeNextToWrite()) != null; ) {
            ChannelFuture written = write(ctx, next);
            if (next.closeConnection()) {
                // Nothing after it may reach the client; the replies still to come are let go.
                closed = true;
                inFlight.releaseUnwritten();
                written.addListener(ChannelFutureListener.CLOSE);
                return;
            }
            written.addListener((ChannelFuture future) -> {
                if (!future.isSuccess()) {
                    ctx.close();
                    return;
                }
                // Writes complete in the order they were made, so this is the oldest slot.
                inFlight.removeWritten();
                if (inFlight.isEmpty()) {
                    barrier = false;
                }
                processPending(ctx);
            });
        }
    }

    private ChannelFuture write(ChannelHandlerContext ctx, Reply reply) {
        ByteBuf payload = reply.payload();
        long length = reply.length();
        if (length > Integer.MAX_VALUE) {
            reply.release();
            return ctx.writeAndFlush(ReplyFrame.header(ctx.alloc(), ReplyFrame.GENERIC_ERROR, 0));
        }
        ByteBuf header = ReplyFrame.header(ctx.alloc(), reply.status(), (int) length);
        if (length == 0) {
            reply.release();
            return ctx.writeAndFlush(header);
        }
        if (reply.fileRegions().isEmpty()) {
            return ctx.writeAndFlush(ctx.alloc().compositeBuffer(2).addComponents(true, header, payload));
        }
        // Header, payload and the segment ranges (sendfile) go out as one flush; each region is
        // released by the channel once written, which lets go of its segment file.
        ctx.write(header);
        ctx.write(payload);
        ChannelFuture last = null;
        for (FileRegion region : reply.fileRegions()) {
            last = ctx.write(region);
        }
        ctx.flush();
        return last;
    }

    private void logDispatchFailure(Throwable error) {
        // Once per connection: the dispatcher is contracted never to fail, so this is a kernel bug,
        // and a client repeating the command must not flood the log.
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("dispatcher failed a request of {} client {}, answering error {}",
                    transport, session.clientId(), ReplyFrame.GENERIC_ERROR, error);
        } else {
            LOG.debug("dispatcher failed a request of {} client {}", transport, session.clientId(), error);
        }
    }

    private static void release(InboundFrame frame) {
        if (frame instanceof InboundFrame.Request request) {
            request.payload().release();
        }
    }

    /** Non-IP channels (embedded test channels) have no peer address; they report loopback:0. */
    private static InetSocketAddress remoteAddress(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress inet) {
            return inet;
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
