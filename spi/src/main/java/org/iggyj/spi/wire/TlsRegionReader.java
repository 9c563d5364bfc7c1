package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.util.concurrent.PromiseCombiner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.iggyj.spi.ReadableFileRegion;

/**
 * Sits right after the {@code TlsWriteSlicer} of a TLS channel (over TCP; over wss behind the WebSocket
 * encoder, which lets buffers and regions pass) and turns each
 * {@link FileRegion} of a poll reply into buffers of at most {@code sliceBytes}, read from the file just
 * before the {@code SslHandler} encrypts them, each flushed but the last (the caller's flush takes it).
 *
 * <p>Design note: without it a TLS poll was read whole on the partition's owner (one {@code pread} of up
 * to 1 MB into a pooled buffer) and only then encrypted here, slice by slice. Reading a slice right
 * before its encryption lets the first record leave after 128 KiB of reading instead of 1 MB, keeps the
 * slice in this core's cache between the read and the cipher, and spares the owner the copy. The bytes
 * read are the bytes sendfile would send: the same region, the same reply. One instance per channel,
 * on its event loop.
 *
 * <p>Whatever waits for a flush when a region arrives (the reply's header) is flushed first: the
 * {@code SslHandler}'s pending-write queue would otherwise join the first slice to that small buffer by
 * copying it.
 */
public final class TlsRegionReader extends ChannelOutboundHandlerAdapter {

    private final int sliceBytes;

    /**
     * @param sliceBytes the most bytes read and handed on per buffer, e.g. {@code TlsWriteSlicer.SLICE_BYTES}
     */
    public TlsRegionReader(int sliceBytes) {
        if (sliceBytes <= 0) {
            throw new IllegalArgumentException("slice bytes must be positive: " + sliceBytes);
        }
        this.sliceBytes = sliceBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof FileRegion region)) {
            ctx.write(msg, promise);
            return;
        }
        PromiseCombiner written = new PromiseCombiner(ctx.executor());
        try {
            long offset = region.transferred();
            long end = region.count();
            ctx.flush();
            while (offset < end) {
                int size = (int) Math.min(sliceBytes, end - offset);
                written.add(ctx.write(read(ctx, region, offset, size)));
                offset += size;
                if (offset < end) {
                    ctx.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Slices already handed on make the rest of the reply unrecoverable: the client would read
            // the next reply's bytes as this one's.
            region.release();
            promise.tryFailure(e);
            ctx.close();
            return;
        }
        region.release();
        written.finish(promise);
    }

    private static ByteBuf read(ChannelHandlerContext ctx, FileRegion region, long offset, int size)
            throws IOException {
        ByteBuf slice = ctx.alloc().directBuffer(size, size);
        try {
            ByteBuffer target = slice.nioBuffer(0, size);
            if (region instanceof ReadableFileRegion readable) {
                while (target.hasRemaining()) {
                    int n = readable.read(target, offset + target.position());
                    if (n < 0) {
                        throw new IOException("file region ended " + target.remaining() + " bytes early");
                    }
                }
            } else {
                transfer(region, target, offset);
            }
            slice.writerIndex(size);
            return slice;
        } catch (IOException | RuntimeException e) {
            slice.release();
            throw e;
        }
    }

    /** Any other region: through its own {@code transferTo}, which may copy twice. */
    private static void transfer(FileRegion region, ByteBuffer target, long offset) throws IOException {
        WritableByteChannel sink = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = Math.min(src.remaining(), target.remaining());
                ByteBuffer part = src.slice();
                part.limit(n);
                target.put(part);
                src.position(src.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        while (target.hasRemaining()) {
            long n = region.transferTo(sink, offset + target.position());
            if (n <= 0) {
                throw new IOException("file region ended " + target.remaining() + " bytes early");
            }
        }
    }
}
