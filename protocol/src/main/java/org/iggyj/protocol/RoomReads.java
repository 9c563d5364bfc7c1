package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import java.util.function.Supplier;

/**
 * A connection's socket reads, landing in the room a decoder lends for the rest of a large frame it is
 * gathering (a send request on the server, a poll reply on the client, a Kafka Produce) so those bytes
 * are copied once, by the kernel, instead of once into a read buffer and again into the frame. Whenever
 * the decoder lends nothing, reads take the wrapped allocator's buffers, sized as before.
 *
 * <p>Design note: Netty's epoll and NIO channels call {@link Handle#allocate} once per read and pass the
 * filled buffer down the pipeline before the next allocation, so a decoder recognises the room it lent when
 * it comes back. A room must end where the frame ends, so a read never takes the next frame's bytes. Only
 * for connections whose bytes read are the protocol's own: not under TLS (the engine decrypts, see
 * {@link TlsDecryptAllocator}); under WebSocket framing, only a room that lies within a message's payload
 * (the lean client's {@code WebSocketPayloads.room}). One per connection; its handles run on the event loop.
 */
public final class RoomReads implements MaxMessagesRecvByteBufAllocator {

    private final MaxMessagesRecvByteBufAllocator reads;
    private final Supplier<ByteBuf> rooms;

    /**
     * @param reads the allocator of every read that does not go into a lent room
     * @param rooms the decoder's room for the next read, or null when it has none
     */
    public RoomReads(MaxMessagesRecvByteBufAllocator reads, Supplier<ByteBuf> rooms) {
        this.reads = reads;
        this.rooms = rooms;
    }

    @Override
    public int maxMessagesPerRead() {
        return reads.maxMessagesPerRead();
    }

    @Override
    public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
        reads.maxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    @Override
    public Handle newHandle() {
        return new RoomHandle(reads.newHandle());
    }

    /** The wrapped handle, except for the buffer a read goes into. */
    private final class RoomHandle extends DelegatingHandle implements ExtendedHandle {

        RoomHandle(Handle delegate) {
            super(delegate);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf room = rooms.get();
            return room != null ? room : super.allocate(alloc);
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            Handle delegate = delegate();
            return delegate instanceof ExtendedHandle extended
                    ? extended.continueReading(maybeMoreDataSupplier)
                    : delegate.continueReading();
        }
    }
}
