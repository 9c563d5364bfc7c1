package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;

/**
 * The allocator of a TLS channel running the OpenSSL engine, which lets the {@code SslHandler} decrypt a read
 * straight into the buffer a handler behind it is filling (the client's assembly buffer of a large reply,
 * the server's buffer of a large send request), so the plaintext is written once, by the engine, instead
 * of once into a new buffer and again by the handler into its own.
 *
 * <p>Design note: the {@code SslHandler} takes the buffer it decrypts a read into from the channel's
 * allocator ({@code directBuffer(capacity)} with the read's ciphertext length as capacity) and offers no
 * other hook. An arming handler installed right before it arms this allocator for one read; the first
 * direct buffer asked for while armed, on the event loop, is that decryption buffer (the OpenSSL engine's
 * cumulation is a composite, asked for by another method). It is the handler's {@link Room} only when the
 * room exceeds the capacity by a whole record's plaintext: the engine never writes more than the
 * ciphertext it is given plus what it holds of a record begun in an earlier read, so everything it
 * decrypts from the read belongs to the frame being filled, and fits. A smaller room would be filled while
 * the engine still held plaintext, which the {@code SslHandler} leaves in the engine until the next read
 * arrives: then the read takes an ordinary buffer and is copied, as before. Every other allocation, and
 * any from another thread, goes to the wrapped allocator untouched. Only where the decrypted bytes are the
 * protocol's own: under WebSocket framing, only a room that lies within a message's payload (the lean
 * client's {@code WebSocketPayloads.room}).
 *
 * <p>One instance per channel; the arming runs on the channel's event loop. Shared here because the
 * server's TCP transport and the lean client both use it.
 */
public final class TlsDecryptAllocator implements ByteBufAllocator {

    /** The most plaintext one TLS record carries; the engine may hold up to that much from an earlier read. */
    public static final int MAX_RECORD_PLAINTEXT = 16 * 1024;

    /** The handler behind the {@code SslHandler} that can take decrypted bytes in place; event loop only. */
    @FunctionalInterface
    public interface Room {
        /**
         * @param minBytes the fewest bytes the room must hold
         * @return a retained slice of the buffer being filled, covering at least {@code minBytes} of its
         *         room and nothing that belongs to a later frame, empty (writer index 0); or null. The
         *         handler must recognise the slice when it comes back down the pipeline filled.
         */
        ByteBuf room(int minBytes);
    }

    private final ByteBufAllocator alloc;
    private final Room room;
    private final EventExecutor eventLoop;
    /** Added right before the {@code SslHandler}: arms this allocator for each read. */
    private final ChannelHandler reads = new Arming();
    /** Set for the duration of one read's pass through the {@code SslHandler}, until its first allocation. */
    private boolean armed;
    /** Reads decrypted in place; written on the event loop only, read by tests. */
    private volatile long inPlace;

    /**
     * @param alloc     the channel's allocator, for everything else
     * @param room      the handler whose buffer the engine fills
     * @param eventLoop the channel's event loop
     */
    private TlsDecryptAllocator(ByteBufAllocator alloc, Room room, EventExecutor eventLoop) {
        this.alloc = alloc;
        this.room = room;
        this.eventLoop = eventLoop;
    }

    /**
     * Makes a new one the channel's allocator and adds its arming handler last in the
     * channel's pipeline, as {@code "tls-reads"}: the caller adds the {@code SslHandler} right after it.
     *
     * @param channel a TLS channel whose engine is OpenSSL's, being initialised
     * @param room    the handler behind the {@code SslHandler} whose buffer the engine fills
     * @return the allocator installed
     */
    public static TlsDecryptAllocator install(Channel channel, Room room) {
        TlsDecryptAllocator decrypt = new TlsDecryptAllocator(channel.alloc(), room, channel.eventLoop());
        channel.config().setAllocator(decrypt);
        channel.pipeline().addLast("tls-reads", decrypt.reads);
        return decrypt;
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        if (armed && eventLoop.inEventLoop()) {
            armed = false;
            ByteBuf slice = room.room(initialCapacity + MAX_RECORD_PLAINTEXT);
            if (slice != null) {
                inPlace++;
                return slice;
            }
        }
        return alloc.directBuffer(initialCapacity);
    }

    /** @return how many reads were decrypted straight into the handler's buffer */
    public long decryptionsInPlace() {
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
