package org.iggyj.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * The outcome of one command: a status (0 = success, else an Iggy error code) and a payload.
 * The receiver owns the payload and must release it once written. Error replies have an empty
 * payload, as Iggy 0.8 sends no error text on the binary protocol.
 *
 * <p>A success reply may continue after {@code payload} with {@code fileRegions}: ranges of files
 * (message segments) that a transport able to send files (plain TCP, through sendfile) writes
 * without copying them into memory, and TCP+TLS reads slice by slice right before encryption
 * ({@code TlsRegionReader}). The kernel only produces them for sessions that accept them
 * ({@link Session#acceptsFileRegions()}); any other transport calls {@link #materialize} first.
 * The reply's bytes are the payload followed by every region, {@link #length()} in all.
 *
 * @param status          0 or an Iggy error code
 * @param payload         the response payload (or its first part); empty for errors
 * @param closeConnection whether the transport must close the connection after writing this reply
 *                        (errors 30 {@code StaleClient} and 100 {@code ClientNotFound})
 * @param fileRegions     file ranges that follow the payload, owned by the reply like the payload; empty
 *                        for most replies
 */
public record Reply(int status, ByteBuf payload, boolean closeConnection, List<FileRegion> fileRegions) {

    /** Normalises a null region list to an empty one. */
    public Reply {
        fileRegions = fileRegions == null ? List.of() : List.copyOf(fileRegions);
    }

    /**
     * A reply with no file regions.
     *
     * @param status          0 or an Iggy error code
     * @param payload         the response payload; empty for errors
     * @param closeConnection whether the transport must close the connection after writing this reply
     */
    public Reply(int status, ByteBuf payload, boolean closeConnection) {
        this(status, payload, closeConnection, List.of());
    }

    /**
     * @return an empty success reply
     */
    public static Reply ok() {
        return new Reply(0, Unpooled.EMPTY_BUFFER, false);
    }

    /**
     * @param payload the payload, ownership passes to the reply
     * @return a success reply
     */
    public static Reply ok(ByteBuf payload) {
        return new Reply(0, payload, false);
    }

    /**
     * @param payload     the first part of the payload, ownership passes to the reply
     * @param fileRegions the file ranges that follow it, ownership passes to the reply
     * @return a success reply written as {@code payload} then each region in order
     */
    public static Reply ok(ByteBuf payload, List<FileRegion> fileRegions) {
        return new Reply(0, payload, false, fileRegions);
    }

    /**
     * @param errorCode an Iggy error code
     * @return an error reply; errors 30 and 100 also ask the transport to close the connection
     */
    public static Reply error(int errorCode) {
        return new Reply(errorCode, Unpooled.EMPTY_BUFFER, errorCode == 30 || errorCode == 100);
    }

    /**
     * @return whether this is a success reply
     */
    public boolean isOk() {
        return status == 0;
    }

    /**
     * @return the length of the whole reply body: the payload's readable bytes plus every region's count
     */
    public long length() {
        long length = payload.readableBytes();
        for (FileRegion region : fileRegions) {
            length += region.count() - region.transferred();
        }
        return length;
    }

    /**
     * Releases the payload and every file region; for a reply that will not be written.
     */
    public void release() {
        payload.release();
        for (FileRegion region : fileRegions) {
            region.release();
        }
    }

    /**
     * Turns the reply into one whose payload holds all of its bytes, reading the file regions into
     * memory; for transports that cannot write files (TLS, WebSocket, HTTP bodies). This reply's
     * payload and regions are consumed either way. A reply without regions is returned as it is.
     *
     * @param alloc where to allocate the copies of the regions
     * @return an equivalent reply without file regions
     * @throws UncheckedIOException if a region cannot be read (everything is released first)
     */
    public Reply materialize(ByteBufAllocator alloc) {
        if (fileRegions.isEmpty()) {
            return this;
        }
        CompositeByteBuf whole = alloc.compositeBuffer(1 + fileRegions.size());
        whole.addComponent(true, payload);
        try {
            for (FileRegion region : fileRegions) {
                whole.addComponent(true, copy(region, alloc));
            }
        } catch (IOException e) {
            whole.release();
            fileRegions.forEach(FileRegion::release);
            throw new UncheckedIOException("cannot read a file region of a reply", e);
        } catch (RuntimeException e) {
            whole.release();
            fileRegions.forEach(FileRegion::release);
            throw e;
        }
        fileRegions.forEach(FileRegion::release);
        return new Reply(status, whole, closeConnection);
    }

    private static ByteBuf copy(FileRegion region, ByteBufAllocator alloc) throws IOException {
        long remaining = region.count() - region.transferred();
        if (remaining > Integer.MAX_VALUE) {
            throw new IOException("file region of " + remaining + " bytes does not fit a buffer");
        }
        ByteBuf copy = alloc.directBuffer((int) remaining, (int) remaining);
        try {
            BufferSink sink = new BufferSink(copy);
            while (copy.isWritable()) {
                long written = region.transferTo(sink, region.transferred());
                if (written <= 0) {
                    throw new IOException("file region ended " + copy.writableBytes() + " bytes early");
                }
            }
            return copy;
        } catch (IOException | RuntimeException e) {
            copy.release();
            throw e;
        }
    }

    /** A channel that appends what it is given to a buffer, up to the buffer's capacity. */
    private static final class BufferSink implements WritableByteChannel {

        private final ByteBuf target;

        BufferSink(ByteBuf target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(src.remaining(), target.writableBytes());
            ByteBuffer slice = src.slice();
            slice.limit(n);
            target.writeBytes(slice);
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
    }
}
