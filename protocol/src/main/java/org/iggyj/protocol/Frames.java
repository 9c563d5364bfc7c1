package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The 8-byte frame headers of the Iggy binary protocol (TCP, QUIC and WebSocket carry the same frames).
 *
 * <pre>
 * request  (client to server)              response (server to client)
 * offset size field                         offset size field
 * 0      4    length u32 = 4 + N            0      4    status u32 (0 = ok, else an ErrorCode)
 * 4      4    code   u32 (CommandCode)      4      4    length u32 = N (payload only)
 * 8      N    payload                       8      N    payload (always empty for errors)
 * </pre>
 *
 * <p>Note the asymmetry: a request's {@code length} counts the code field, a response's does not. All
 * integers are little-endian. Stateless; safe on any thread.
 */
public final class Frames {

    /** Bytes before a request payload: length + code. */
    public static final int REQUEST_HEADER_LENGTH = 8;
    /** Bytes before a response payload: status + length. */
    public static final int RESPONSE_HEADER_LENGTH = 8;
    /** Largest payload of any command other than send_messages; larger ones are answered with 3. */
    public static final int MAX_CONTROL_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** Smallest valid request {@code length} field (a code with an empty payload). */
    public static final int MIN_REQUEST_LENGTH = 4;
    /** Response status of success. */
    public static final int STATUS_OK = 0;

    private Frames() {
    }

    /**
     * Writes a response header at the writer index.
     *
     * @param out    destination; the caller owns it
     * @param status 0 for success, else an {@link ErrorCode#code()}
     * @param length payload bytes that follow (0 for errors)
     */
    public static void writeResponseHeader(ByteBuf out, int status, int length) {
        out.writeIntLE(status);
        out.writeIntLE(length);
    }

    /**
     * Writes a complete error frame (status, length 0, no body), as Iggy 0.8 does.
     *
     * @param out  destination; the caller owns it
     * @param code the error to report
     */
    public static void writeErrorResponse(ByteBuf out, ErrorCode code) {
        writeResponseHeader(out, code.code(), 0);
    }

    /**
     * Writes a request header at the writer index.
     *
     * @param out           destination; the caller owns it
     * @param code          a {@link CommandCode}
     * @param payloadLength payload bytes that follow; the written {@code length} field is this plus 4
     */
    public static void writeRequestHeader(ByteBuf out, int code, int payloadLength) {
        out.writeIntLE(payloadLength + MIN_REQUEST_LENGTH);
        out.writeIntLE(code);
    }
}
