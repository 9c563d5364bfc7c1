package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iggyj.protocol.CommandCode;
import org.junit.jupiter.api.Test;

class ReplicatedEntryTest {

    @Test
    void shouldDecodeWhatItEncodedFromAnyBufferPosition() {
        byte[] seed = new byte[ReplicatedEntry.SEED_LENGTH];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i + 1);
        }
        ByteBuf payload = Unpooled.copiedBuffer("request bytes", StandardCharsets.US_ASCII);
        ByteBuf entry = ReplicatedEntry.encode(UnpooledByteBufAllocator.DEFAULT, CommandCode.CREATE_STREAM,
                ReplicatedEntry.CREDENTIALS_HASHED, 0x1122334455667788L, 42, 0xFFFF_FFF0L, 1_700_000_000_000_000L, seed, payload);
        try {
            assertEquals(ReplicatedEntry.HEADER_LENGTH + 13, entry.readableBytes());
            assertEquals(0, payload.readerIndex(), "the payload is not consumed");
            // as the log hands it over: somewhere inside a larger buffer
            ByteBuffer log = ByteBuffer.allocate(entry.readableBytes() + 10);
            log.position(7);
            log.put(entry.nioBuffer());
            log.flip().position(7);
            ReplicatedEntry decoded = ReplicatedEntry.decode(log);
            assertEquals(CommandCode.CREATE_STREAM, decoded.code());
            assertEquals(true, decoded.credentialsHashed());
            assertEquals(0x1122334455667788L, decoded.origin());
            assertEquals(42, decoded.sequence());
            assertEquals(0xFFFF_FFF0L, decoded.userId());
            assertEquals(1_700_000_000_000_000L, decoded.timeUs());
            assertArrayEquals(seed, decoded.seed());
            assertEquals("request bytes", StandardCharsets.US_ASCII.decode(decoded.payload()).toString());
            assertEquals(7, log.position(), "decoding does not move the log's buffer");
        } finally {
            entry.release();
        }
    }

    @Test
    void shouldWriteZerosForAMissingSeed() {
        ByteBuf entry = ReplicatedEntry.encode(UnpooledByteBufAllocator.DEFAULT, CommandCode.SEND_MESSAGES, 0, 1, 1,
                0, 0, null, Unpooled.EMPTY_BUFFER);
        try {
            assertArrayEquals(new byte[ReplicatedEntry.SEED_LENGTH], ReplicatedEntry.decode(entry.nioBuffer()).seed());
        } finally {
            entry.release();
        }
    }

    @Test
    void shouldRefuseAnUnknownVersionOrATruncatedEntry() {
        assertThrows(IllegalArgumentException.class, () -> ReplicatedEntry.decode(ByteBuffer.allocate(10)));
        ByteBuffer wrongVersion = ByteBuffer.allocate(ReplicatedEntry.HEADER_LENGTH);
        wrongVersion.put(0, (byte) 9);
        assertThrows(IllegalArgumentException.class, () -> ReplicatedEntry.decode(wrongVersion));
    }
}
