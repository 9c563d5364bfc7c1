package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.stream.IntStream;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stored checksum is part of Iggy 0.8's on-disk and wire format: XXH3-64, seed 0, over bytes 8 to the
 * end of the message. The expected values come from the reference C implementation ({@code xxhsum -H3},
 * xxHash 0.8), which the Rust server's hash crate matches, over frames whose byte {@code i} is
 * {@code (i * 31 + 7) & 0xFF}. The hashed lengths (56, 156, 1080, 4169, 200056 bytes) cover each of
 * XXH3's length classes (17-128, 129-240, the striped loop with one and with several scrambled blocks)
 * and a message longer than {@link Xxh3Checksum}'s scratch.
 */
class MessageFrameChecksumTest {

    @ParameterizedTest(name = "payload {0} bytes")
    @CsvSource({
        "0, dffc16d4d0956bb5",
        "100, 0cd83e3958597499",
        "1024, 8f54092206d965de",
        "4113, a8e1e19ec170902a",
        // Longer than the per-thread scratch: hashed in chunks through the streaming hasher.
        "200000, 0cb44518c4482495",
    })
    void shouldMatchTheReferenceXxh3InEveryKindOfBuffer(int payloadBytes, String expectedHex) {
        long expected = Long.parseUnsignedLong(expectedHex, 16);
        byte[] frame = frame(payloadBytes);

        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(frame.length + 3);
        ByteBuf heap = Unpooled.buffer(frame.length + 3);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        try {
            // Three bytes ahead of the frame: the index argument is honoured, not assumed to be 0.
            direct.writeZero(3).writeBytes(frame);
            heap.writeZero(3).writeBytes(frame);
            int split = frame.length / 2;
            composite.addComponents(true, Unpooled.wrappedBuffer(new byte[3]),
                    Unpooled.wrappedBuffer(frame, 0, split), Unpooled.directBuffer(frame.length - split)
                            .writeBytes(frame, split, frame.length - split));

            assertEquals(expected, MessageFrame.checksum(direct, 3, frame.length), "direct");
            assertEquals(expected, MessageFrame.checksum(heap, 3, frame.length), "heap");
            assertEquals(expected, MessageFrame.checksum(composite, 3, frame.length), "composite");
        } finally {
            direct.release();
            heap.release();
            composite.release();
        }
    }

    private static byte[] frame(int payloadBytes) {
        byte[] frame = new byte[MessageFrame.HEADER_LENGTH + payloadBytes];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 31 + 7);
        }
        return frame;
    }

    @Test
    void shouldAgreeWithAnIndependentXxh3AroundEveryLengthBoundary() {
        LongHashFunction reference = LongHashFunction.xx3();
        int max = Xxh3Checksum.SCRATCH_BYTES * 2 + 100;
        byte[] bytes = new byte[max];
        new Random(42).nextBytes(bytes);
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(max).writeBytes(bytes);
        try {
            int scratch = Xxh3Checksum.SCRATCH_BYTES;
            IntStream.concat(IntStream.concat(IntStream.rangeClosed(8, 300), IntStream.rangeClosed(1020, 1100)),
                    IntStream.of(scratch, scratch + 7, scratch + 8, scratch + 9, 2 * scratch + 8, max))
                    .forEach(length -> assertEquals(reference.hashBytes(bytes, 8, length - 8),
                            MessageFrame.checksum(direct, 0, length), "frame of " + length + " bytes"));
        } finally {
            direct.release();
        }
    }
}
