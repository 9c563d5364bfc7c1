package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.Record;
import org.iggyj.protocol.MessageLayout;

/**
 * How a Kafka record is kept as an Iggy message, and read back (documented in {@code docs/kafka.md}):
 *
 * <table>
 *   <caption>Kafka record to Iggy message</caption>
 *   <tr><th>Kafka</th><th>Iggy</th></tr>
 *   <tr><td>value</td><td>payload (empty for a null value)</td></tr>
 *   <tr><td>null value (tombstone)</td><td>user header {@value #NULL_VALUE_HEADER} = bool true</td></tr>
 *   <tr><td>key</td><td>user header {@value #KEY_HEADER} (string key, raw value); absent for a null key</td></tr>
 *   <tr><td>headers</td><td>user headers, name as string key, value raw, in order</td></tr>
 *   <tr><td>timestamp (ms)</td><td>origin timestamp (µs) = ms × 1000</td></tr>
 *   <tr><td>offset</td><td>offset (assigned by the partition)</td></tr>
 * </table>
 *
 * Both directions work on the wire bytes: a record's key and value go from the request's buffer straight
 * into the send_messages payload, and a stored message's payload and headers from the poll reply straight
 * into the Kafka batch ({@link FrameBatchWriter}), without an intermediate array per record. Read back, a
 * message without an origin timestamp (sent by an Iggy client that left it 0) gets the server's append
 * time. Stateless.
 */
final class RecordMapping {

    /** The user header holding the Kafka record key. */
    static final String KEY_HEADER = "kafka.key";
    /** The user header marking a null value. */
    static final String NULL_VALUE_HEADER = "kafka.null_value";

    private static final byte[] KEY = KEY_HEADER.getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL_VALUE = NULL_VALUE_HEADER.getBytes(StandardCharsets.UTF_8);

    private RecordMapping() {
    }

    /**
     * Writes one (decompressed) Kafka record as an Iggy message frame (send_messages layout: checksum,
     * id, offset and append time 0) at the writer index.
     *
     * @return the frame's size in bytes
     */
    static int writeIggy(ByteBuf out, Record record) {
        int start = out.writerIndex();
        // Checksum, id, offset and append time are the server's to set, so 0; the origin timestamp and the
        // lengths are set into the zeroed header, fewer bounds and reference-count checks per record than
        // writing its eight words one by one.
        out.writeZero(MessageLayout.HEADER_LENGTH);
        if (record.timestamp() > 0) {
            out.setLongLE(start + MessageLayout.ORIGIN_TIMESTAMP_OFFSET, record.timestamp() * 1000);
        }
        int payloadLength = 0;
        if (record.hasValue()) {
            payloadLength = record.valueSize();
            out.writeBytes(record.value());
        }
        int headersStart = out.writerIndex();
        if (record.hasKey()) {
            writeHeader(out, KEY, UserHeaders.KIND_RAW, record.key());
        }
        if (!record.hasValue()) {
            writeName(out, NULL_VALUE);
            out.writeByte(UserHeaders.KIND_BOOL).writeIntLE(1).writeByte(1);
        }
        for (Header header : record.headers()) {
            writeName(out, header.key());
            out.writeByte(UserHeaders.KIND_RAW);
            byte[] value = header.value();
            if (value == null) {
                out.writeIntLE(0);
            } else {
                out.writeIntLE(value.length).writeBytes(value);
            }
        }
        // the user-headers length (u32 LE) and the payload length right after it, as one u64 LE
        out.setLongLE(start + MessageLayout.USER_HEADERS_LENGTH_OFFSET,
                (long) payloadLength << 32 | (out.writerIndex() - headersStart));
        return out.writerIndex() - start;
    }

    private static void writeHeader(ByteBuf out, byte[] name, byte kind, ByteBuffer value) {
        writeName(out, name);
        out.writeByte(kind).writeIntLE(value.remaining()).writeBytes(value);
    }

    private static void writeName(ByteBuf out, byte[] name) {
        out.writeByte(UserHeaders.KIND_STRING).writeIntLE(name.length).writeBytes(name);
    }

    private static void writeName(ByteBuf out, String name) {
        out.writeByte(UserHeaders.KIND_STRING);
        int length = out.writerIndex();
        out.writeIntLE(0);
        out.setIntLE(length, ByteBufUtil.writeUtf8(out, name));
    }
}
