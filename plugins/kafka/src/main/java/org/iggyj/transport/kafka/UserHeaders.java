package org.iggyj.transport.kafka;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Iggy's user-headers block, as the Iggy SDKs read it (binary protocol §6.4): a run of
 * key/value items, each {@code kind u8, length u32 LE, bytes}, with no count field.
 *
 * <pre>
 *   key_kind u8 | key_length u32 LE | key bytes | value_kind u8 | value_length u32 LE | value bytes | ...
 * </pre>
 *
 * Kafka header names become string keys (kind 2) and values raw values (kind 1). Stateless.
 */
final class UserHeaders {

    static final byte KIND_RAW = 1;
    static final byte KIND_STRING = 2;
    static final byte KIND_BOOL = 3;
    private static final int ITEM_OVERHEAD = 5;

    private UserHeaders() {
    }

    /**
     * Calls {@code each} with every header's key (as text, whatever its kind) and value bytes.
     *
     * @throws IllegalArgumentException when the block is truncated
     */
    static void forEach(byte[] block, BiConsumer<String, byte[]> each) {
        ByteBuffer in = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            String key = new String(item(in), StandardCharsets.UTF_8);
            each.accept(key, item(in));
        }
    }

    private static byte[] item(ByteBuffer in) {
        if (in.remaining() < ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        in.get();
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("truncated user headers");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
