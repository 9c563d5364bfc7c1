package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * Sits after the {@code SslHandler} of a TLS connection (the server's replies, the client's requests)
 * and hands a large write to it in slices of {@link #SLICE_BYTES} bytes, flushing each one.
 *
 * <p>Design note: the {@code SslHandler} encrypts everything written before a flush and only then
 * passes it to the socket, so a 1 MB poll reply (or send request) would be encrypted whole before
 * its first byte leaves, and the other end would decrypt it whole only after that: with one request
 * in flight, the two engines would take turns. Sliced, one end decrypts a slice while the other
 * encrypts the next. Slices share the write's memory (no copy). One instance per channel, on its
 * event loop. Shared here because the server's TCP transport and the lean client both need it.
 *
 * <p>Writes still waiting for a flush when a large write arrives (the WebSocket frame header written
 * before its payload) are flushed first: the {@code SslHandler} would otherwise join them with the first
 * slice by copying that slice into the small buffer, as its pending-write queue does whenever it takes
 * two buffers at once and the first is not a composite.
 */
public final class TlsWriteSlicer extends ChannelOutboundHandlerAdapter {

    /** Eight TLS records: large enough that the extra flushes cost nothing measurable. */
    public static final int DEFAULT_SLICE_BYTES = 128 * 1024;

    /**
     * The slice size in use: {@link #DEFAULT_SLICE_BYTES} unless {@code -Diggy.tls.sliceBytes=N} (16 KiB to
     * 16 MiB) sets another for this JVM, to measure the overlap of the two ends against the passes per
     * request (docs/benchmarks-history.md, "Twelfth session (issue #11): TLS").
     */
    public static final int SLICE_BYTES = sliceBytes(System.getProperty("iggy.tls.sliceBytes"));

    /** Whether something was written since the last flush. */
    private boolean unflushed;

    /** One per channel. */
    public TlsWriteSlicer() {
    }

    /**
     * @param property the value of {@code iggy.tls.sliceBytes}, or null
     * @return the slice size it asks for, {@link #DEFAULT_SLICE_BYTES} when null
     * @throws IllegalArgumentException when it is not a number of bytes from 16 KiB to 16 MiB
     */
    static int sliceBytes(String property) {
        if (property == null) {
            return DEFAULT_SLICE_BYTES;
        }
        int bytes;
        try {
            bytes = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iggy.tls.sliceBytes is not a number: " + property, e);
        }
        if (bytes < TlsDecryptAllocator.MAX_RECORD_PLAINTEXT || bytes > 16 << 20) {
            throw new IllegalArgumentException("iggy.tls.sliceBytes must be 16384 to 16777216: " + bytes);
        }
        return bytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buffer) || buffer.readableBytes() <= SLICE_BYTES) {
            unflushed = true;
            ctx.write(msg, promise);
            return;
        }
        if (unflushed) {
            ctx.flush();
        }
        // The last slice stays unflushed until the caller's flush.
        unflushed = true;
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

    @Override
    public void flush(ChannelHandlerContext ctx) {
        unflushed = false;
        ctx.flush();
    }
}
