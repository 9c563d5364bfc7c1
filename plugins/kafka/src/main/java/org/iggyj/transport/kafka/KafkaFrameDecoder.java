package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Kafka's framing (a 4-byte big-endian size, then the request) into one buffer per request, sized from
 * its size field. A frame that arrived whole in one read is passed on as a slice of that read; a larger
 * one (a Produce of a megabyte arrives in several reads) is gathered in a buffer allocated at its final
 * size: on a plain connection the socket reads straight into the rest of it ({@link #readTarget}, used by
 * {@link org.iggyj.protocol.RoomReads}), otherwise (TLS, where reads are decrypted first) each read is copied into it
 * once. Netty's {@code LengthFieldBasedFrameDecoder} instead gathers the reads into a cumulation buffer
 * that grows by doubling, copying every byte of a large request about twice more.
 *
 * <p>A size over {@code maxFrameBytes} raises {@link TooLongFrameException} and a negative one
 * {@link CorruptedFrameException}, before anything is allocated; the connection handler closes the
 * connection on either, as a Kafka broker does. Confined to the channel's event loop.
 */
final class KafkaFrameDecoder extends ChannelInboundHandlerAdapter {

    private static final int SIZE_BYTES = 4;
    private static final long INCOMPLETE = Long.MIN_VALUE;

    private final int maxFrameBytes;
    /** The bytes of the size field read so far, when a read ended inside it. */
    private int sizeSoFar;
    private int sizeBytes;
    /** The frame being filled, when a read ended inside it; null between frames. */
    private ByteBuf partial;
    /** The part of {@link #partial} last lent to the socket's read ({@link #readTarget}); null if none. */
    private ByteBuf lent;
    private boolean failed;

    KafkaFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (in == lent) {
            lent = null;
            filled(ctx, in);
            return;
        }
        try {
            while (in.isReadable() && !failed) {
                if (partial != null) {
                    int n = Math.min(partial.writableBytes(), in.readableBytes());
                    partial.writeBytes(in, n);
                    if (!partial.isWritable()) {
                        ByteBuf frame = partial;
                        partial = null;
                        ctx.fireChannelRead(frame);
                    }
                    continue;
                }
                long size = readSize(in);
                if (size == INCOMPLETE) {
                    return; // the size field continues in the next read
                }
                if (size < 0) {
                    fail(ctx, new CorruptedFrameException("negative Kafka frame size " + size));
                } else if (size > maxFrameBytes) {
                    fail(ctx, new TooLongFrameException("Kafka frame of " + size + " bytes, over " + maxFrameBytes));
                } else if (in.readableBytes() >= size) {
                    ctx.fireChannelRead(in.readRetainedSlice((int) size));
                } else {
                    partial = ctx.alloc().ioBuffer((int) size, (int) size);
                }
            }
        } finally {
            in.release();
        }
    }

    /**
     * Lends the socket's next read the unfilled rest of the frame being gathered, so the bytes land in place.
     * The channel passes the buffer returned down the pipeline before it asks again (Netty's epoll and NIO
     * read loops), so the next {@link #channelRead} of this very buffer is that read.
     *
     * @return a retained slice of the frame's unwritten bytes (empty, writable to its end), or null when no
     *         frame is open: the read then goes into a buffer of its own
     */
    ByteBuf readTarget() {
        if (partial == null || failed) {
            lent = null;
            return null;
        }
        lent = partial.retainedSlice(partial.writerIndex(), partial.writableBytes()).clear();
        return lent;
    }

    private void filled(ChannelHandlerContext ctx, ByteBuf read) {
        int n = read.readableBytes();
        read.release();
        partial.writerIndex(partial.writerIndex() + n);
        if (!partial.isWritable()) {
            ByteBuf frame = partial;
            partial = null;
            ctx.fireChannelRead(frame);
        }
    }

    /** @return the next frame's size (negative if the client sent so), or INCOMPLETE */
    private long readSize(ByteBuf in) {
        if (sizeBytes == 0 && in.readableBytes() >= SIZE_BYTES) {
            return in.readInt();
        }
        while (sizeBytes < SIZE_BYTES && in.isReadable()) {
            sizeSoFar = sizeSoFar << 8 | in.readUnsignedByte();
            sizeBytes++;
        }
        if (sizeBytes < SIZE_BYTES) {
            return INCOMPLETE;
        }
        int size = sizeSoFar;
        sizeSoFar = 0;
        sizeBytes = 0;
        return size;
    }

    private void fail(ChannelHandlerContext ctx, Exception e) {
        failed = true;
        ctx.fireExceptionCaught(e);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
