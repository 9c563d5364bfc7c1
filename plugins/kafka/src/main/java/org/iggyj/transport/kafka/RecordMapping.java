package org.iggyj.transport.kafka;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.response.PolledMessagesReader.Message;

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
 * Read back, a message without an origin timestamp (sent by an Iggy client that left it 0) gets the
 * server's append time. Stateless.
 */
final class RecordMapping {

    /** The user header holding the Kafka record key. */
    static final String KEY_HEADER = "kafka.key";
    /** The user header marking a null value. */
    static final String NULL_VALUE_HEADER = "kafka.null_value";

    private static final byte[] KEY = KEY_HEADER.getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL_VALUE = NULL_VALUE_HEADER.getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRUE = {1};
    private static final byte[] EMPTY = new byte[0];

    private RecordMapping() {
    }

    /** @return the Iggy message for one (decompressed) Kafka record */
    static MessageDraft toIggy(Record record) {
        byte[] key = record.hasKey() ? bytes(record.key()) : null;
        byte[] value = record.hasValue() ? bytes(record.value()) : EMPTY;
        Header[] headers = record.headers();
        byte[][] names = new byte[headers.length][];
        int size = 0;
        for (int i = 0; i < headers.length; i++) {
            names[i] = headers[i].key().getBytes(StandardCharsets.UTF_8);
            size += UserHeaders.size(names[i], valueOf(headers[i]));
        }
        if (key != null) {
            size += UserHeaders.size(KEY, key);
        }
        if (!record.hasValue()) {
            size += UserHeaders.size(NULL_VALUE, TRUE);
        }
        ByteBuffer block = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        if (key != null) {
            UserHeaders.put(block, KEY, UserHeaders.KIND_RAW, key);
        }
        if (!record.hasValue()) {
            UserHeaders.put(block, NULL_VALUE, UserHeaders.KIND_BOOL, TRUE);
        }
        for (int i = 0; i < headers.length; i++) {
            UserHeaders.put(block, names[i], UserHeaders.KIND_RAW, valueOf(headers[i]));
        }
        long originUs = record.timestamp() >= 0 ? record.timestamp() * 1000 : 0;
        return new MessageDraft(0, 0, originUs, block.array(), value);
    }

    /** Appends one Iggy message to a Kafka batch under construction. */
    static void appendTo(MemoryRecordsBuilder builder, Message message) {
        long timestampUs = message.originTimestamp() > 0 ? message.originTimestamp() : message.timestampUs();
        byte[][] key = new byte[1][];
        boolean[] nullValue = new boolean[1];
        List<Header> headers = new ArrayList<>();
        if (message.userHeaders().length > 0) {
            UserHeaders.forEach(message.userHeaders(), (name, value) -> {
                if (KEY_HEADER.equals(name)) {
                    key[0] = value;
                } else if (NULL_VALUE_HEADER.equals(name)) {
                    nullValue[0] = true;
                } else {
                    headers.add(new RecordHeader(name, value));
                }
            });
        }
        builder.appendWithOffset(message.offset(), timestampUs / 1000, key[0],
                nullValue[0] ? null : message.payload(), headers.toArray(Header[]::new));
    }

    private static byte[] valueOf(Header header) {
        return header.value() == null ? EMPTY : header.value();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
