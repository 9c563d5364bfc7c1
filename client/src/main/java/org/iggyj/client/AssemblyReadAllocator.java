package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Lets a plain TCP connection's socket reads land directly in the room {@link ResponseHandler} keeps for
 * the rest of a reply it is assembling, so a 1 MB poll reply is copied once (by the kernel) instead of
 * twice (kernel into a read buffer, then read buffer into the assembly buffer). Whenever no reply is being
 * assembled, or too little of it is missing to be worth a read of its own, reads use the wrapped
 * allocator's buffers as before.
 *
 * <p>A read into the room never passes the end of the frame (the room is exactly the missing bytes), so
 * the next reply's bytes are left in the socket for an ordinary read. Only for connections where the bytes
 * read are the protocol's bytes: not under TLS or WebSocket framing. One instance per connection; its
 * handles run on the channel's event loop, as the handler does.
 */
final class AssemblyReadAllocator implements RecvByteBufAllocator {

    /** Below this many missing bytes a read into an ordinary buffer (which may also take what follows) wins. */
    static final int MIN_DIRECT_READ_BYTES = 16 << 10;

    private final RecvByteBufAllocator reads;
    private final ResponseHandler responses;

    /**
     * @param reads     the allocator for every read that does not go into the assembly buffer
     * @param responses the connection's handler, whose assembly room the reads fill
     */
    AssemblyReadAllocator(RecvByteBufAllocator reads, ResponseHandler responses) {
        this.reads = reads;
        this.responses = responses;
    }

    @Override
    public Handle newHandle() {
        return new AssemblyHandle(reads.newHandle());
    }

    private final class AssemblyHandle extends DelegatingHandle implements ExtendedHandle {

        AssemblyHandle(Handle delegate) {
            super(delegate);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf room = responses.assemblyRoom(MIN_DIRECT_READ_BYTES);
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
