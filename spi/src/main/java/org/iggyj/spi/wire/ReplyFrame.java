package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;

/**
 * The header of a reply frame, server to client:
 *
 * <pre>
 * offset  size  field
 * 0       4     status   u32 LE 0 = success, else an Iggy error code
 * 4       4     length   u32 LE N, the payload length only
 * 8       N     payload  (absent for errors)
 * </pre>
 *
 * <p>The payload is written as its own buffer after the header, so a reply is never copied.
 */
public final class ReplyFrame {

    public static final int HEADER_LENGTH = Frames.RESPONSE_HEADER_LENGTH;

    /** The generic failure, for a dispatcher that failed outright. */
    public static final int GENERIC_ERROR = ErrorCode.ERROR.code();
    /** Malformed or oversized frames. */
    public static final int INVALID_COMMAND = ErrorCode.INVALID_COMMAND.code();
    /** Sent unsolicited when the server shuts down. */
    public static final int DISCONNECTED = ErrorCode.DISCONNECTED.code();

    private ReplyFrame() {
    }

    /**
     * @param allocator     where to allocate the header
     * @param status        0 or an error code
     * @param payloadLength the payload length that follows the header
     * @return a new 8-byte buffer owned by the caller
     */
    public static ByteBuf header(ByteBufAllocator allocator, int status, int payloadLength) {
        return allocator.buffer(HEADER_LENGTH, HEADER_LENGTH)
                .writeIntLE(status)
                .writeIntLE(payloadLength);
    }
}
