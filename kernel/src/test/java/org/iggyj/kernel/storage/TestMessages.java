package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds send-side message batches (wire layout of {@link MessageFrame}) for storage tests. */
final class TestMessages {

    private TestMessages() {
    }

    /** A direct buffer holding one message per payload, ids 0, origin timestamp 7, user headers "hh". */
    static ByteBuf batch(String... payloads) {
        return batch(Unpooled.directBuffer(), payloads);
    }

    /** Writes one message per payload into {@code buf}, ids 0, origin timestamp 7, user headers "hh". */
    static ByteBuf batch(ByteBuf buf, String... payloads) {
        for (String payload : payloads) {
            write(buf, 0, 0, payload.getBytes(StandardCharsets.UTF_8), new byte[] {'h', 'h'});
        }
        return buf;
    }

    /** A batch of {@code count} messages with payloads of {@code payloadBytes} bytes each. */
    static ByteBuf sized(int count, int payloadBytes) {
        ByteBuf buf = Unpooled.directBuffer();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[payloadBytes];
            Arrays.fill(payload, (byte) ('a' + i % 26));
            write(buf, 0, 0, payload, new byte[0]);
        }
        return buf;
    }

    static void write(ByteBuf buf, long idLow, long idHigh, byte[] payload, byte[] userHeaders) {
        buf.writeLongLE(0);
        buf.writeLongLE(idLow);
        buf.writeLongLE(idHigh);
        buf.writeLongLE(0);
        buf.writeLongLE(0);
        buf.writeLongLE(7);
        buf.writeIntLE(userHeaders.length);
        buf.writeIntLE(payload.length);
        buf.writeLongLE(0);
        buf.writeBytes(payload);
        buf.writeBytes(userHeaders);
    }

    /** Payload of the message at {@code index} as a string. */
    static String payload(ByteBuf buf, int index) {
        int length = buf.getIntLE(index + MessageFrame.PAYLOAD_LENGTH_OFFSET);
        return buf.toString(index + MessageFrame.HEADER_LENGTH, length, StandardCharsets.UTF_8);
    }
}
