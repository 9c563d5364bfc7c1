package org.iggyj.kernel.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceReserveTest {

    @TempDir
    Path stateDir;

    private long reserveSize() throws IOException {
        return Files.size(stateDir.resolve(SpaceReserve.FILE_NAME));
    }

    @Test
    void shouldKeepReserveOfZerosNextToMetadataWhenSaved() throws IOException {
        new MetadataFile(MetadataFile.CURRENT_VERSION, List.of(), List.of()).save(stateDir);

        assertEquals(SpaceReserve.MIN_BYTES, reserveSize());
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(stateDir.resolve(SpaceReserve.FILE_NAME))) {
            assertEquals(head.length, in.read(head));
        }
        for (byte b : head) {
            assertEquals(0, b);
        }
        assertTrue(Files.exists(stateDir.resolve("metadata.json")));
    }

    @Test
    void shouldGiveBackWholePagesBeforeWriteAndRefillAfter() throws IOException {
        SpaceReserve reserve = new SpaceReserve(stateDir);
        assertTrue(reserve.refill(SpaceReserve.MIN_BYTES));

        reserve.release(5000);

        assertEquals(SpaceReserve.MIN_BYTES - 3 * 4096, reserveSize(), "5000 bytes round up to 2 pages, plus one");
        assertTrue(reserve.refill(SpaceReserve.MIN_BYTES));
        assertEquals(SpaceReserve.MIN_BYTES, reserveSize());
        reserve.release(10L << 20);
        assertEquals(0, reserveSize());
    }
}
