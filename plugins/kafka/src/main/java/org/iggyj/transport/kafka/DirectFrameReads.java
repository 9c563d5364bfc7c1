package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The socket reads of a plain (not TLS) Kafka connection: while {@link KafkaFrameDecoder} gathers a frame
 * that spans several reads (a producer's Produce of a megabyte), the socket reads straight into the rest of
 * that frame's buffer, so its bytes are never copied after the read; between frames, reads go into buffers
 * sized by the wrapped allocator, as before.
 *
 * <p>Design note: Netty's epoll and NIO channels call {@link Handle#allocate} once per read and pass the
 * filled buffer down the pipeline before the next allocation, so the decoder always knows whether the buffer
 * it is handed is the part of its frame it lent ({@link KafkaFrameDecoder#readTarget}). With TLS the
 * decoder sees decrypted buffers, never the socket's, so this allocator is not used there. One per channel.
 */
final class DirectFrameReads implements MaxMessagesRecvByteBufAllocator {

    private final KafkaFrameDecoder decoder;
    private final MaxMessagesRecvByteBufAllocator sizes;

    /**
     * @param decoder the channel's frame decoder, which lends the rest of its frame
     * @param sizes   sizes the reads between frames (its handles {@link ExtendedHandle}s, as Netty's own)
     */
    DirectFrameReads(KafkaFrameDecoder decoder, MaxMessagesRecvByteBufAllocator sizes) {
        this.decoder = decoder;
        this.sizes = sizes;
    }

    @Override
    public int maxMessagesPerRead() {
        return sizes.maxMessagesPerRead();
    }

    @Override
    public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
        sizes.maxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    @Override
    public Handle newHandle() {
        return new FrameHandle((ExtendedHandle) sizes.newHandle());
    }

    /** The wrapped handle, with reads into the decoder's frame while it has one open. */
    private final class FrameHandle implements ExtendedHandle {

        private final ExtendedHandle sizes;

        FrameHandle(ExtendedHandle sizes) {
            this.sizes = sizes;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf target = decoder.readTarget();
            return target != null ? target : sizes.allocate(alloc);
        }

        @Override
        public int guess() {
            return sizes.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            sizes.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            sizes.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            sizes.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return sizes.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            sizes.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return sizes.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return sizes.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return sizes.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            sizes.readComplete();
        }
    }
}
