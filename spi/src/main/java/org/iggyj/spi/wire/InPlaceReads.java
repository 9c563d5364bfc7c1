package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The read buffers of a plain (unencrypted) byte-stream connection: while a send request's payload is
 * partly received, the socket is read straight into the {@link RequestFrameDecoder}'s buffer for that
 * payload, so the bytes are written once, by the kernel, instead of once into a read buffer and again by
 * the decoder into its own. Every other read (headers, small requests, a payload whose buffer a request
 * in flight still shares) takes the wrapped allocator's buffer, as before.
 *
 * <p>Design note: Netty's read loop takes each read's buffer from the channel's
 * {@link RecvByteBufAllocator.Handle#allocate}, reads into its writable bytes and fires it down the
 * pipeline; the decoder recognises its own slice when it arrives ({@link RequestFrameDecoder#readRoom}).
 * The room ends where the payload ends, so a read never takes bytes of the next frame and one system call
 * takes whatever the socket holds of the payload, up to all of it, instead of 64 KiB at a time. Not
 * under TLS (the engine's plaintext goes in place through {@code TlsDecryptAllocator}) nor WebSocket
 * framing, where the bytes read are not the protocol's own.
 *
 * <p>One instance per channel; its handle runs on the channel's event loop.
 */
public final class InPlaceReads implements RecvByteBufAllocator {

    /** A room smaller than this is not worth a read of its own: the wrapped allocator's buffer takes it. */
    static final int MIN_ROOM_BYTES = 4096;

    private final RecvByteBufAllocator reads;
    private final RequestFrameDecoder frames;
    /** Reads made into the decoder's buffer; written on the event loop only, read by tests. */
    private volatile long inPlace;

    private InPlaceReads(RecvByteBufAllocator reads, RequestFrameDecoder frames) {
        this.reads = reads;
        this.frames = frames;
    }

    /**
     * Makes a new one the channel's receive allocator, wrapping the one it has.
     *
     * @param channel a plain channel being initialised, whose pipeline gets {@code frames}
     * @param frames  the channel's frame decoder
     * @return the allocator installed
     */
    public static InPlaceReads install(Channel channel, RequestFrameDecoder frames) {
        InPlaceReads inPlaceReads = new InPlaceReads(channel.config().getRecvByteBufAllocator(), frames);
        channel.config().setRecvByteBufAllocator(inPlaceReads);
        return inPlaceReads;
    }

    /** @return how many reads went straight into the decoder's buffer */
    public long readsInPlace() {
        return inPlace;
    }

    @Override
    public Handle newHandle() {
        return new RoomHandle((ExtendedHandle) reads.newHandle());
    }

    /** The wrapped allocator's handle, except for the buffer a read goes into. */
    private final class RoomHandle implements ExtendedHandle {

        private final ExtendedHandle handle;

        RoomHandle(ExtendedHandle handle) {
            this.handle = handle;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf room = frames.readRoom(MIN_ROOM_BYTES);
            if (room != null) {
                inPlace++;
                return room;
            }
            return handle.allocate(alloc);
        }

        @Override
        public int guess() {
            return handle.guess();
        }

        @Override
        public void reset(io.netty.channel.ChannelConfig config) {
            handle.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            handle.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            handle.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return handle.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            handle.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return handle.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return handle.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return handle.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            handle.readComplete();
        }
    }
}
