package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;

/**
 * Cuts the byte stream into response frames ({@code status u32, length u32, payload}) and matches them to
 * pending requests in FIFO order (the server answers a connection's requests in the order they arrive).
 *
 * <p>Framing is done here, not by a {@code ByteToMessageDecoder}, because of large replies: a 1 MB poll
 * reply arrives in many reads, and a cumulating decoder grows its buffer by reallocation (each a new,
 * zeroed, unpooled direct buffer at these sizes) and copies what it has so far at every step. Here a
 * frame that lies whole in one read is decoded in place, and one that spans reads is copied once, read
 * by read, into an assembly buffer sized from the frame's header and kept for the next reply, so a
 * consumer polling the same size over and over allocates nothing per reply. Decoders run synchronously
 * on the event loop and keep no reference to the payload ({@link ResponseDecoder}), which is what makes
 * reusing the buffer safe.
 *
 * <p>Confined to the channel's event loop: requests are enqueued by the same event-loop task that writes
 * them, so queue order is wire order. When the connection closes, every pending request fails with
 * {@link ErrorCode#CONNECTION_CLOSED}; so does every pending request when the server sends its 8
 * {@code disconnected} notice, which it may send at any time, also where a reply was due.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private static final int HEADER = Frames.RESPONSE_HEADER_LENGTH;
    /** An assembly buffer larger than this is given back after its reply rather than kept. */
    private static final int KEPT_ASSEMBLY_BYTES = 16 << 20;
    /** Below this many missing bytes a read into an ordinary buffer (which may also take what follows) wins. */
    static final int MIN_ROOM_BYTES = 16 << 10;

    private final ArrayDeque<PendingReply<?>> pending = new ArrayDeque<>();
    private boolean closed;
    /** The frame being assembled from several reads, from its first byte; null between such frames. */
    private ByteBuf assembly;
    /** Header plus payload length of the frame in {@link #assembly}; -1 until its header is complete. */
    private long assemblyLength = -1;
    private boolean assembling;
    /** A frame header was invalid: the connection is closing and nothing more is read. */
    private boolean broken;
    /** The last slice of {@link #assembly}'s room handed out for a read or a decryption; see {@link #assemblyRoom}. */
    private ByteBuf room;

    /** Event loop only. Fails the request at once when the connection is already closed. */
    void enqueue(PendingReply<?> reply) {
        if (closed) {
            reply.fail(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "connection closed"));
            return;
        }
        pending.addLast(reply);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !broken) {
                if (assembling) {
                    continueAssembly(ctx, in);
                } else {
                    takeFrame(ctx, in);
                }
            }
        } finally {
            in.release();
        }
    }

    /** Decodes a frame lying whole in {@code in} in place, or starts assembling it. */
    private void takeFrame(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable >= HEADER) {
            long length = frameLength(ctx, in, start);
            if (length < 0) {
                return;
            }
            if (readable >= length) {
                dispatch(ctx, in, start);
                in.readerIndex(start + (int) length);
                return;
            }
            startAssembly(ctx, (int) length);
            assemblyLength = length;
        } else {
            startAssembly(ctx, HEADER);
        }
        continueAssembly(ctx, in);
    }

    /**
     * The rest of the reply being assembled, as a buffer a socket read ({@link org.iggyj.protocol.RoomReads}) or
     * the TLS engine ({@code TlsDecryptAllocator}) can fill in place; event loop only.
     *
     * @param minBytes the fewest missing bytes worth a read of their own
     * @return a retained slice of the assembly buffer's room for exactly the missing bytes, empty
     *         (writer index 0), or null when no reply with a known length is being assembled or less than
     *         {@code minBytes} of it is missing
     */
    ByteBuf assemblyRoom(int minBytes) {
        return assemblyRoom(minBytes, Long.MAX_VALUE);
    }

    /**
     * {@link #assemblyRoom(int)}, when the missing bytes are also at most {@code maxBytes}: under WebSocket
     * framing, the rest of the message carrying the reply, so a read into the room takes no frame header.
     */
    ByteBuf assemblyRoom(int minBytes, long maxBytes) {
        if (!assembling || assemblyLength < 0 || broken) {
            return null;
        }
        int missing = (int) (assemblyLength - assembly.readableBytes());
        if (missing < minBytes || missing > maxBytes) {
            return null;
        }
        room = assembly.retainedSlice(assembly.writerIndex(), missing).clear();
        return room;
    }

    private void continueAssembly(ChannelHandlerContext ctx, ByteBuf in) {
        if (in == room) {
            // A read or decryption into the assembly buffer's own room: the bytes are in place already.
            room = null;
            int read = in.readableBytes();
            in.skipBytes(read);
            assembly.writerIndex(assembly.writerIndex() + read);
            completeAssembly(ctx);
            return;
        }
        if (assemblyLength < 0) {
            in.readBytes(assembly, Math.min(HEADER - assembly.readableBytes(), in.readableBytes()));
            if (assembly.readableBytes() < HEADER) {
                return;
            }
            long length = frameLength(ctx, assembly, 0);
            if (length < 0) {
                return;
            }
            assemblyLength = length;
            assembly.ensureWritable((int) length - HEADER);
        }
        int missing = (int) (assemblyLength - assembly.readableBytes());
        in.readBytes(assembly, Math.min(missing, in.readableBytes()));
        completeAssembly(ctx);
    }

    private void completeAssembly(ChannelHandlerContext ctx) {
        if (assembly.readableBytes() == assemblyLength) {
            assembling = false;
            assemblyLength = -1;
            try {
                dispatch(ctx, assembly, 0);
            } finally {
                if (assembly.capacity() > KEPT_ASSEMBLY_BYTES) {
                    releaseAssembly();
                } else {
                    assembly.clear();
                }
            }
        }
    }

    private void startAssembly(ChannelHandlerContext ctx, int capacity) {
        if (assembly == null) {
            assembly = ctx.alloc().directBuffer(capacity);
        } else {
            assembly.clear().ensureWritable(capacity);
        }
        assembling = true;
    }

    /** @return header plus payload length of the frame at {@code start}, or -1 (connection closed) if invalid */
    private long frameLength(ChannelHandlerContext ctx, ByteBuf buf, int start) {
        long payload = buf.getUnsignedIntLE(start + 4);
        if (payload > Integer.MAX_VALUE - HEADER) {
            broken = true;
            exceptionCaught(ctx, new IllegalStateException("response frame of " + payload + " bytes"));
            return -1;
        }
        return HEADER + payload;
    }

    private void dispatch(ChannelHandlerContext ctx, ByteBuf buf, int start) {
        int status = buf.getIntLE(start);
        if (status == ErrorCode.DISCONNECTED.code()) {
            // The server is closing the connection: whatever is in flight is cut off, not answered.
            closed = true;
            broken = true;
            failAll(PendingReply.serverDisconnected());
            ctx.close();
            return;
        }
        PendingReply<?> reply = pending.pollFirst();
        if (reply == null) {
            // An unsolicited frame: nothing waits for it.
            return;
        }
        int length = buf.getIntLE(start + 4);
        reply.complete(status, buf.slice(start + HEADER, length));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        releaseAssembly();
        failAll(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "connection closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAssembly();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(new IggyClientException(ErrorCode.TCP_ERROR, "connection failed: " + cause));
        ctx.close();
    }

    private void releaseAssembly() {
        if (assembly != null) {
            assembly.release();
            assembly = null;
        }
        assembling = false;
        assemblyLength = -1;
        room = null;
    }

    private void failAll(IggyClientException e) {
        PendingReply<?> reply;
        while ((reply = pending.pollFirst()) != null) {
            reply.fail(e);
        }
    }
}
