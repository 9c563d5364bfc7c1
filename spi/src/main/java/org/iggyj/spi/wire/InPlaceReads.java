package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.iggyj.protocol.RoomReads;

/**
 * The reads of a plain (unencrypted) byte-stream connection: while a send request's payload is partly
 * received, the socket is read straight into the {@link RequestFrameDecoder}'s buffer for that payload
 * ({@link RoomReads}; the decoder lends it through {@link RequestFrameDecoder#readRoom}). Every other read
 * (headers, small requests, a payload whose buffer a request in flight still shares) takes the channel's
 * own allocator's buffer, as before. Not under TLS (the engine's plaintext goes in place through
 * {@code TlsDecryptAllocator}) nor WebSocket framing, where the bytes read are not the protocol's own.
 */
public final class InPlaceReads {

    /** A room smaller than this is not worth a read of its own: an ordinary buffer takes it. */
    static final int MIN_ROOM_BYTES = 4096;

    private final RequestFrameDecoder frames;
    /** Reads made into the decoder's buffer; written on the event loop only, read by tests. */
    private volatile long inPlace;

    private InPlaceReads(RequestFrameDecoder frames) {
        this.frames = frames;
    }

    /**
     * Makes the channel's reads land in {@code frames}' room when it has one.
     *
     * @param channel a plain channel being initialised, whose pipeline gets {@code frames}
     * @param frames  the channel's frame decoder
     * @return what counts the reads made in place
     */
    public static InPlaceReads install(Channel channel, RequestFrameDecoder frames) {
        InPlaceReads inPlaceReads = new InPlaceReads(frames);
        channel.config().setRecvByteBufAllocator(
                new RoomReads(channel.config().getRecvByteBufAllocator(), inPlaceReads::room));
        return inPlaceReads;
    }

    /** @return how many reads went straight into the decoder's buffer */
    public long readsInPlace() {
        return inPlace;
    }

    private ByteBuf room() {
        ByteBuf room = frames.readRoom(MIN_ROOM_BYTES);
        if (room != null) {
            inPlace++;
        }
        return room;
    }
}
