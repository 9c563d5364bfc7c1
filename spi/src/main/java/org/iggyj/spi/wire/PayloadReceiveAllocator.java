package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * A channel's receive-buffer allocator that lets socket reads land directly in the request payload its
 * {@link RequestFrameDecoder} is receiving: while a payload is under way, each read gets the room right
 * after the bytes received so far (up to the payload's end, so up to a whole 1 MB batch in one read),
 * and otherwise a buffer from the channel's usual allocator.
 *
 * <p>Design note: without it a 1 MB batch arrives in sixteen 64 KiB read buffers and each is copied
 * into the payload's buffer on the I/O thread: about a seventh of that thread's CPU while producing
 * (perf; docs/benchmarks.md "Fifth session"). Only for a channel whose decoder sees the socket's bytes
 * unchanged: with TLS the socket carries records, not the payload.
 */
public final class PayloadReceiveAllocator implements RecvByteBufAllocator {

    private final RecvByteBufAllocator base;
    private final RequestFrameDecoder decoder;

    private PayloadReceiveAllocator(RecvByteBufAllocator base, RequestFrameDecoder decoder) {
        this.base = base;
        this.decoder = decoder;
    }

    /**
     * Makes {@code channel}'s reads land in the payloads {@code decoder} receives. Call before the
     * channel's first read (from a channel initializer), with {@code decoder} in its pipeline directly
     * after the socket.
     *
     * @param channel a plain byte-stream channel
     * @param decoder the channel's frame decoder
     */
    public static void install(Channel channel, RequestFrameDecoder decoder) {
        ChannelConfig config = channel.config();
        config.setRecvByteBufAllocator(new PayloadReceiveAllocator(config.getRecvByteBufAllocator(), decoder));
    }

    @Override
    public Handle newHandle() {
        return new PayloadHandle((ExtendedHandle) base.newHandle(), decoder);
    }

    /** The usual handle, except that a read during a payload gets the decoder's room. */
    private static final class PayloadHandle implements ExtendedHandle {

        private final ExtendedHandle delegate;
        private final RequestFrameDecoder decoder;

        PayloadHandle(ExtendedHandle delegate, RequestFrameDecoder decoder) {
            this.delegate = delegate;
            this.decoder = decoder;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf room = decoder.lendPayloadRoom();
            return room != null ? room : delegate.allocate(alloc);
        }

        @Override
        public int guess() {
            return delegate.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            delegate.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            delegate.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            delegate.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return delegate.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            delegate.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return delegate.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return delegate.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return delegate.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            delegate.readComplete();
        }
    }
}
