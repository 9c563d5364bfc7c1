package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {

    @TempDir
    Path dir;

    @Test
    void shouldAdmitEverythingWhenUnmonitored() {
        DiskSpace space = DiskSpace.unmonitored();

        assertTrue(space.tryReserve(Long.MAX_VALUE / 2));
        assertFalse(space.isLow());
        assertTrue(space.onWriteFailed(new IOException("No space left on device"), 1));
        assertFalse(space.onWriteFailed(new IOException("Input/output error"), 1));
    }

    @Test
    void shouldRefuseWhenThresholdExceedsFreeSpace() throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        try (DiskSpace space = DiskSpace.monitor(dir, free + (1L << 40))) {
            space.start(Duration.ofHours(1));

            assertFalse(space.tryReserve(1));
            assertTrue(space.isLow());
            assertTrue(space.freeBytes() > 0);
        }
    }

    @Test
    void shouldAdmitOnlyWhatLeavesThresholdFree() throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        // A wide margin: other processes write to this disk while the test runs.
        try (DiskSpace space = DiskSpace.monitor(dir, free - (256L << 20))) {
            space.start(Duration.ofHours(1));

            assertFalse(space.tryReserve(1L << 30), "would leave less than the threshold, measured twice");
            assertTrue(space.isLow());
            assertTrue(space.tryReserve(1L << 20), "within the budget of about 256 MiB");
        }
    }

    @Test
    void shouldClassifyOnlyLackOfSpaceAsFullDisk() throws IOException {
        try (DiskSpace space = DiskSpace.monitor(dir, 0)) {
            space.start(Duration.ofHours(1));

            assertFalse(space.onWriteFailed(new IOException("Input/output error"), 4096));
            assertFalse(space.isLow());
            assertTrue(space.onWriteFailed(new IOException("No space left on device"), 4096));
            assertTrue(space.isLow());
            assertTrue(space.tryReserve(1), "a refused send measures again, and this disk has room");
        }
    }

    @Test
    void shouldEndLowStateWhenSpaceIsFreedWellAboveThreshold() throws IOException {
        try (DiskSpace space = DiskSpace.monitor(dir, 0)) {
            space.start(Duration.ofHours(1));
            space.onWriteFailed(new IOException("No space left on device"), 1);

            space.onSpaceFreed();

            assertEquals(0, space.minFreeBytes());
            assertFalse(space.isLow(), "this disk has more than 1 MiB free");
            assertTrue(space.tryReserve(1));
        }
    }
}
