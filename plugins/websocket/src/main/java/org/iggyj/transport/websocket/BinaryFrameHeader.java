package org.iggyj.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The header of one unfragmented, unmasked binary WebSocket message sent by the server (RFC 6455 5.2),
 * byte for byte what Netty's frame encoder writes for a {@code BinaryWebSocketFrame} of the same length:
 * FIN and opcode 2, then the length in 7 bits, or 126 and 16 bits, or 127 and 64 bits, big-endian.
 *
 * <p>Design note: a poll reply that {@link BinaryMessageCodec} writes in parts (its header, the poll
 * header, then file regions read just before encryption) cannot be one {@code BinaryWebSocketFrame}:
 * a frame's content is one buffer. The message's header is written first instead, and the parts follow as
 * raw bytes. Stateless.
 */
final class BinaryFrameHeader {

    private static final int FIN_BINARY = 0x82;
    private static final int MAX_7_BIT = 125;
    private static final int MAX_16_BIT = 0xFFFF;

    private BinaryFrameHeader() {
    }

    /**
     * @param alloc         where to allocate it
     * @param payloadLength the length of the whole message's payload
     * @return a new buffer of 2, 4 or 10 bytes, owned by the caller
     */
    static ByteBuf of(ByteBufAllocator alloc, long payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length: " + payloadLength);
        }
        if (payloadLength <= MAX_7_BIT) {
            return alloc.buffer(2, 2).writeByte(FIN_BINARY).writeByte((int) payloadLength);
        }
        if (payloadLength <= MAX_16_BIT) {
            return alloc.buffer(4, 4).writeByte(FIN_BINARY).writeByte(126).writeShort((int) payloadLength);
        }
        return alloc.buffer(10, 10).writeByte(FIN_BINARY).writeByte(127).writeLong(payloadLength);
    }
}
