package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
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
 * into the Kafka batch, without an intermediate array per record. Read back, a message without an origin
 * timestamp (sent by an Iggy client that left it 0) gets the server's append time. Stateless.
 */
final class RecordMapping {

    /** The user header holding the Kafka record key. */
    static final String KEY_HEADER = "kafka.key";
    /** The user header marking a null value. */
    static final String NULL_VALUE_HEADER = "kafka.null_value";

    private static final byte[] KEY = KEY_HEADER.getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL_VALUE = NULL_VALUE_HEADER.getBytes(StandardCharsets.UTF_8);
    private static final Header[] NO_HEADERS = new Header[0];
    private static final int ITEM_OVERHEAD = 5;

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
        out.writeLongLE(0); // checksum
        out.writeLongLE(0); // id: assigned by the server
        out.writeLongLE(0);
        out.writeLongLE(0); // offset
        out.writeLongLE(0); // append time
        out.writeLongLE(record.timestamp() >= 0 ? record.timestamp() * 1000 : 0);
        out.writeLongLE(0); // user-headers and payload lengths, set below
        out.writeLongLE(0); // reserved
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
        out.setIntLE(start + MessageLayout.USER_HEADERS_LENGTH_OFFSET, out.writerIndex() - headersStart);
        out.setIntLE(start + MessageLayout.PAYLOAD_LENGTH_OFFSET, payloadLength);
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

    /**
     * Appends the stored Iggy message whose frame starts at {@code frame} in {@code in} (poll_messages
     * layout) to a Kafka batch under construction.
     *
     * @param scratch heap buffers the key and value are copied through when {@code in} is not array-backed
     * @return the frame's size in bytes
     * @throws IllegalArgumentException when the frame or its headers block is truncated
     */
    static int appendTo(RecordBatchWriter batch, ByteBuf in, int frame, Scratch scratch) {
        if (in.writerIndex() - frame < MessageLayout.HEADER_LENGTH) {
            throw new IllegalArgumentException("truncated message header");
        }
        long offset = in.getLongLE(frame + MessageLayout.OFFSET_OFFSET);
        long origin = in.getLongLE(frame + MessageLayout.ORIGIN_TIMESTAMP_OFFSET);
        long timestampUs = origin > 0 ? origin : in.getLongLE(frame + MessageLayout.TIMESTAMP_OFFSET);
        long headersLength = in.getUnsignedIntLE(frame + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        long payloadLength = in.getUnsignedIntLE(frame + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        int payload = frame + MessageLayout.HEADER_LENGTH;
        long end = payload + payloadLength + headersLength;
        if (end > in.writerIndex()) {
            throw new IllegalArgumentException("truncated message");
        }
        int headersStart = (int) (payload + payloadLength);
        ByteBuffer key = null;
        boolean nullValue = false;
        List<Header> headers = null;
        int at = headersStart;
        while (at < end) {
            int nameLength = itemLength(in, at, end);
            int name = at + ITEM_OVERHEAD;
            at = name + nameLength;
            int valueLength = itemLength(in, at, end);
            int value = at + ITEM_OVERHEAD;
            at = value + valueLength;
            if (is(in, name, nameLength, KEY)) {
                key = scratch.key(in, value, valueLength);
            } else if (is(in, name, nameLength, NULL_VALUE)) {
                nullValue = true;
            } else {
                if (headers == null) {
                    headers = new ArrayList<>();
                }
                headers.add(new RecordHeader(in.toString(name, nameLength, StandardCharsets.UTF_8),
                        ByteBufUtil.getBytes(in, value, valueLength)));
            }
        }
        batch.append(offset, timestampUs / 1000, key,
                nullValue ? null : scratch.value(in, payload, (int) payloadLength),
                headers == null ? NO_HEADERS : headers.toArray(NO_HEADERS));
        return (int) (end - frame);
    }

    /**
     * Heap views of a record's key and value for Kafka's record writer ({@link RecordBatchWriter}): it copies an
     * array-backed buffer in bulk but a direct one byte by byte ({@code Utils.writeTo}), which cost the
     * Fetch path about 70% of its CPU with poll replies in direct memory. One bulk copy into a reused heap
     * array is far cheaper. One per batch being built; not thread-safe.
     */
    static final class Scratch {
        private ByteBuffer key = ByteBuffer.allocate(256);
        private ByteBuffer value = ByteBuffer.allocate(4096);

        ByteBuffer key(ByteBuf in, int at, int length) {
            if (in.hasArray()) {
                return in.nioBuffer(at, length);
            }
            key = fill(key, in, at, length);
            return key;
        }

        ByteBuffer value(ByteBuf in, int at, int length) {
            if (in.hasArray()) {
                return in.nioBuffer(at, length);
            }
            value = fill(value, in, at, length);
            return value;
        }

        private static ByteBuffer fill(ByteBuffer target, ByteBuf in, int at, int length) {
            ByteBuffer out = target.capacity() >= length ? target
                    : ByteBuffer.allocate(Math.max(length, target.capacity() * 2));
            out.clear().limit(length);
            in.getBytes(at, out.array(), 0, length);
            return out;
        }
    }

    private static int itemLength(ByteBuf in, int at, long end) {
        if (end - at < ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        long length = in.getUnsignedIntLE(at + 1);
        if (length > end - at - ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        return (int) length;
    }

    private static boolean is(ByteBuf in, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in.getByte(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
