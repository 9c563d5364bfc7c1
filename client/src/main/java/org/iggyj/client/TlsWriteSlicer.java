package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * Sits between the {@code SslHandler} and the request handlers and hands a large request to the
 * {@code SslHandler} in slices of {@value #SLICE_BYTES} bytes, flushing each one.
 *
 * <p>Design note: the {@code SslHandler} encrypts everything written before a flush and only then
 * passes it to the socket, so a 1 MB batch of messages would be encrypted whole before its first byte
 * leaves, and the server would decrypt it only after that: with one request in flight, the two
 * engines would take turns. Sliced, the server decrypts one slice while the client encrypts the
 * next. Slices share the request's memory (no copy). One instance per channel, on its event loop.
 */
final class TlsWriteSlicer extends ChannelOutboundHandlerAdapter {

    /** Eight TLS records: large enough that the extra flushes cost nothing measurable. */
    static final int SLICE_BYTES = 128 * 1024;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buffer) || buffer.readableBytes() <= SLICE_BYTES) {
            ctx.write(msg, promise);
            return;
        }
        PromiseCombiner written = new PromiseCombiner(ctx.executor());
        try {
            int index = buffer.readerIndex();
            int end = buffer.writerIndex();
            while (end - index > SLICE_BYTES) {
                written.add(ctx.write(buffer.retainedSlice(index, SLICE_BYTES)));
                ctx.flush();
                index += SLICE_BYTES;
            }
            // The last slice is flushed by the caller's own flush.
            written.add(ctx.write(buffer.retainedSlice(index, end - index)));
        } finally {
            buffer.release();
        }
        written.finish(promise);
    }
}
