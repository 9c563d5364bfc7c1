package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;

/**
 * The allocator of a TLS connection running the OpenSSL engine, which lets the {@code SslHandler} decrypt
 * a read straight into the room {@link ResponseHandler} keeps for the rest of a reply it is assembling,
 * so a 1 MB poll reply is written once by the engine instead of once into a new buffer and again into the
 * assembly buffer (that copy was 15% of the client's I/O thread consuming over TLS).
 *
 * <p>Design note: the {@code SslHandler} takes the buffer it decrypts a read into from the channel's
 * allocator ({@code directBuffer(capacity)} with the read's ciphertext length as capacity) and offers no
 * other hook. {@link #reads()} sits right before it and arms this allocator for one read; the first
 * direct buffer asked for while armed, on the event loop, is that decryption buffer (the cumulation of
 * the OpenSSL engine is a composite, asked for by another method). It is the assembly room only when
 * the room exceeds the capacity by a whole record's plaintext: the engine never writes more than the
 * ciphertext it is given plus what it holds of a record begun in an earlier read, so everything it
 * decrypts from the read belongs to the reply and fits. A smaller room would be filled while the engine
 * still held plaintext, which the {@code SslHandler} leaves in the engine until the next read arrives:
 * then the read takes an ordinary buffer and is copied, as before. Every other allocation, and any from
 * another thread (requests are built on callers' threads), goes to the wrapped allocator untouched.
 *
 * <p>{@code -Diggy.client.copyDecrypted=true} turns it off (to measure what it saves). One instance per
 * connection; the arming runs on the channel's event loop.
 */
final class AssemblyDecryptAllocator implements ByteBufAllocator {

    /** The most plaintext one TLS record carries; the engine may hold up to that much from an earlier read. */
    static final int MAX_RECORD_PLAINTEXT = 16 * 1024;

    private final ByteBufAllocator alloc;
    private final ResponseHandler responses;
    private final EventExecutor eventLoop;
    private final ChannelHandler reads = new Arming();
    /** Set for the duration of one read's pass through the {@code SslHandler}, until its first allocation. */
    private boolean armed;
    /** Reads decrypted into the assembly room; written on the event loop, read by tests. */
    private volatile long inPlace;

    /**
     * @param alloc     the channel's allocator, for everything else
     * @param responses the connection's handler, whose assembly room the engine fills
     * @param eventLoop the channel's event loop
     */
    AssemblyDecryptAllocator(ByteBufAllocator alloc, ResponseHandler responses, EventExecutor eventLoop) {
        this.alloc = alloc;
        this.responses = responses;
        this.eventLoop = eventLoop;
    }

    /** @return the handler to add right before the {@code SslHandler} */
    ChannelHandler reads() {
        return reads;
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        if (armed && eventLoop.inEventLoop()) {
            armed = false;
            ByteBuf room = responses.assemblyRoom(initialCapacity + MAX_RECORD_PLAINTEXT);
            if (room != null) {
                inPlace++;
                return room;
            }
        }
        return alloc.directBuffer(initialCapacity);
    }

    /** @return how many reads were decrypted straight into a reply's assembly buffer */
    long decryptionsInPlace() {
        return inPlace;
    }

    private final class Arming extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            armed = true;
            try {
                ctx.fireChannelRead(msg);
            } finally {
                armed = false;
            }
        }
    }

    // Everything below: the wrapped allocator's.

    @Override
    public ByteBuf buffer() {
        return alloc.buffer();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return alloc.buffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return alloc.buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return alloc.ioBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return alloc.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return alloc.ioBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf heapBuffer() {
        return alloc.heapBuffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return alloc.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return alloc.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
        return alloc.directBuffer();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return alloc.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return alloc.compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return alloc.compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return alloc.compositeHeapBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return alloc.compositeHeapBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return alloc.compositeDirectBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return alloc.compositeDirectBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return alloc.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return alloc.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
