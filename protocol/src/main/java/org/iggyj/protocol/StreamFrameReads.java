package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * One frame on a stream of its own (a QUIC request on the server, its reply on the client): a fixed-size
 * header, then a payload of the length the header gives, gathered in one contiguous direct buffer
 * allocated whole once the header is in. The stream's reads land in the payload's unwritten part
 * ({@link #room}, lent through {@link RoomReads}), so each byte is copied once, by whoever fills the read
 * buffer; a read made without the room is copied in. One per stream, on its event loop.
 *
 * <p>Design note: without it a fresh stream channel read a 1 MB frame in 2, 32 and then 64 KiB buffers
 * (Netty's adaptive allocator starts small for every stream, that is every request), and the pieces were
 * gathered and copied once more into one buffer.
 */
public final class StreamFrameReads {

    /** What a frame's header says. */
    public interface Header {

        /**
         * @param header the frame's first header bytes, from its reader index; not to be kept
         * @return the payload's length, or -1 to read no further (the caller has answered or failed the
         *         frame)
         */
        int payloadLength(ChannelHandlerContext ctx, ByteBuf header);
    }

    private final int headerLength;
    private final Header header;
    /** The first bytes while fewer than a header arrived (rare: quiche hands over what the packets carry). */
    private ByteBuf partialHeader;
    /** The payload, allocated at its full size once the header is read. */
    private ByteBuf payload;
    /** The slice of {@link #payload} lent to the next read, recognised when it comes back. */
    private ByteBuf room;
    private boolean stopped;

    public StreamFrameReads(int headerLength, Header header) {
        this.headerLength = headerLength;
        this.header = header;
    }

    /**
     * The rest of the payload, for the stream's next read to fill in place; it ends where the frame ends,
     * so no read takes bytes past it. The slice must come back as the next read.
     *
     * @return a retained, empty slice of the payload's unwritten part, or null (the read takes a buffer of
     *         its own)
     */
    public ByteBuf room() {
        if (stopped || payload == null || !payload.isWritable()) {
            return null;
        }
        room = payload.retainedSlice(payload.writerIndex(), payload.writableBytes()).clear();
        return room;
    }

    /**
     * Takes one read of the stream and releases it.
     *
     * @return true once the payload is complete ({@link #takePayload})
     */
    public boolean read(ChannelHandlerContext ctx, ByteBuf bytes) {
        if (stopped) {
            bytes.release();
            return false;
        }
        if (bytes == room) {
            room = null;
            payload.writerIndex(payload.writerIndex() + bytes.readableBytes());
            bytes.release();
        } else if (payload == null) {
            if (!readHeader(ctx, bytes)) {
                return false;
            }
        } else {
            payload.writeBytes(bytes, bytes.readerIndex(), Math.min(bytes.readableBytes(), payload.writableBytes()));
            bytes.release();
        }
        return !payload.isWritable();
    }

    /** @return true when the whole payload is in */
    public boolean complete() {
        return payload != null && !payload.isWritable();
    }

    /** @return the complete payload, now the caller's to release; reading stops */
    public ByteBuf takePayload() {
        stopped = true;
        ByteBuf whole = payload;
        payload = null;
        return whole;
    }

    /** Stops reading and releases what was gathered; more calls do nothing. */
    public void release() {
        stopped = true;
        if (partialHeader != null) {
            partialHeader.release();
            partialHeader = null;
        }
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }

    /**
     * Takes the header from {@code bytes} (with what came before it), allocates the payload and copies into
     * it the payload bytes that came with the header. Releases {@code bytes}.
     *
     * @return true when the payload buffer exists; false while the header is incomplete or after the header
     *         stopped the reads
     */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf bytes) {
        ByteBuf in = bytes;
        if (partialHeader != null) {
            in = partialHeader.writeBytes(bytes);
            bytes.release();
            partialHeader = null;
        }
        try {
            if (in.readableBytes() < headerLength) {
                partialHeader = ctx.alloc().buffer(headerLength).writeBytes(in);
                return false;
            }
            int payloadLength = header.payloadLength(ctx, in);
            if (payloadLength < 0) {
                release();
                return false;
            }
            // One contiguous direct buffer, as the other transports' decoders hand over: reads land in it in
            // place and message checksums are taken by memory address.
            payload = ctx.alloc().directBuffer(payloadLength, payloadLength);
            int with = in.readableBytes() - headerLength;
            payload.writeBytes(in, in.readerIndex() + headerLength, Math.min(with, payloadLength));
            return true;
        } finally {
            in.release();
        }
    }
}
