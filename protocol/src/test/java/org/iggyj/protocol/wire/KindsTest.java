package org.iggyj.protocol.wire;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KindsTest {

    @Test
    void shouldEncodePartitioningSpecExamples() {
        assertEquals("01 00", write(Partitioning.balanced()));
        assertEquals("02 04 00 00 00 00", write(Partitioning.partitionId(0)));
        assertEquals("03 06 75 73 65 72 2d 31",
                write(Partitioning.messagesKey("user-1".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldRoundTripPartitioning() {
        for (Partitioning p : new Partitioning[] {Partitioning.balanced(), Partitioning.partitionId(9),
                Partitioning.messagesKey(new byte[] {1, 2, 3})}) {
            ByteBuf buf = Unpooled.buffer();
            p.write(buf);
            assertEquals(p.encodedLength(), buf.readableBytes());
            Partitioning back = Partitioning.read(buf);
            assertEquals(p, back);
            assertArrayEquals(p.key(), back.key());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01 01 00", "02 03 00 00 00", "02 05 00 00 00 00 00", "03 00", "04 00", "00 00",
        "02 04 00 00", "03 05 61", "01", ""})
    void shouldRejectMalformedPartitioningWithInvalidCommand(String hex) {
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> Partitioning.read(Hex.buf(hex)));
    }

    @Test
    void shouldRoundTripConsumerAndPollingStrategy() {
        ByteBuf buf = Unpooled.buffer();
        Consumer c = Consumer.group(Identifier.named("g"));
        c.write(buf);
        PollingStrategy.offset(42).write(buf);
        assertEquals(c.encodedLength() + PollingStrategy.LENGTH, buf.readableBytes());
        assertEquals(c, Consumer.read(buf));
        assertEquals(PollingStrategy.offset(42), PollingStrategy.read(buf));
        assertFalse(buf.isReadable());
        assertEquals("01 01 04 00 00 00 00", write(Consumer.consumer(Identifier.numeric(0))));
    }

    @Test
    void shouldRejectUnknownKindsWithInvalidCommand() {
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> Consumer.read(Hex.buf("03 01 04 00 00 00 00")));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> Consumer.read(Hex.buf("01 01 02 00 00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> PollingStrategy.read(Hex.buf("06 00 00 00 00 00 00 00 00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> PollingStrategy.read(Hex.buf("03 00 00 00")));
        for (PollingKind k : PollingKind.values()) {
            assertEquals(k, PollingKind.fromCode(k.code()));
        }
    }

    private static String write(Object value) {
        ByteBuf buf = Unpooled.buffer();
        if (value instanceof Partitioning p) {
            p.write(buf);
        } else if (value instanceof Consumer c) {
            c.write(buf);
        }
        return Hex.of(buf);
    }
}
