package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerOffsetsTest {

    @TempDir
    Path partitionDir;

    @Test
    void shouldStoreAsEightBytesLittleEndianWhenStored() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);

        offsets.store(ConsumerOffsetKind.CONSUMER, 7, 0x0102L);
        offsets.store(ConsumerOffsetKind.GROUP, 7, 3);

        assertEquals(OptionalLong.of(0x0102L), offsets.get(ConsumerOffsetKind.CONSUMER, 7));
        assertEquals(OptionalLong.of(3), offsets.get(ConsumerOffsetKind.GROUP, 7));
        assertEquals(OptionalLong.empty(), offsets.get(ConsumerOffsetKind.CONSUMER, 8));
        assertArrayEquals(new byte[] {2, 1, 0, 0, 0, 0, 0, 0},
            Files.readAllBytes(partitionDir.resolve("offsets/consumers/7")));
        assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0},
            Files.readAllBytes(partitionDir.resolve("offsets/groups/7")));
        try (var files = Files.list(partitionDir.resolve("offsets/consumers"))) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void shouldReloadStoredOffsetsWhenReopened() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);
        offsets.store(ConsumerOffsetKind.CONSUMER, 1, 10);
        offsets.store(ConsumerOffsetKind.CONSUMER, 1, 20);
        offsets.store(ConsumerOffsetKind.GROUP, 2, 30);

        ConsumerOffsets reopened = ConsumerOffsets.open(partitionDir, 100, true);

        assertEquals(OptionalLong.of(20), reopened.get(ConsumerOffsetKind.CONSUMER, 1));
        assertEquals(OptionalLong.of(30), reopened.get(ConsumerOffsetKind.GROUP, 2));
        assertEquals(OptionalLong.empty(), reopened.get(ConsumerOffsetKind.GROUP, 1));
    }

    @Test
    void shouldClampOffsetsAboveCurrentOffsetWhenOpened() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);
        offsets.store(ConsumerOffsetKind.CONSUMER, 1, 90);
        offsets.store(ConsumerOffsetKind.GROUP, 1, 40);

        ConsumerOffsets reopened = ConsumerOffsets.open(partitionDir, 50);

        assertEquals(OptionalLong.of(50), reopened.get(ConsumerOffsetKind.CONSUMER, 1));
        assertEquals(OptionalLong.of(40), reopened.get(ConsumerOffsetKind.GROUP, 1));
        assertEquals(OptionalLong.of(50),
            ConsumerOffsets.open(partitionDir, 100).get(ConsumerOffsetKind.CONSUMER, 1));
    }

    @Test
    void shouldDeleteOffsetAndFileWhenDeleted() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);
        offsets.store(ConsumerOffsetKind.GROUP, 5, 1);

        assertTrue(offsets.delete(ConsumerOffsetKind.GROUP, 5));
        assertFalse(offsets.delete(ConsumerOffsetKind.GROUP, 5));
        assertFalse(offsets.delete(ConsumerOffsetKind.CONSUMER, 6));

        assertEquals(OptionalLong.empty(), offsets.get(ConsumerOffsetKind.GROUP, 5));
        assertFalse(Files.exists(partitionDir.resolve("offsets/groups/5")));
        assertEquals(OptionalLong.empty(), ConsumerOffsets.open(partitionDir, 100).get(ConsumerOffsetKind.GROUP, 5));
    }

    @Test
    void shouldForgetEverythingWhenCleared() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);
        offsets.store(ConsumerOffsetKind.CONSUMER, 1, 1);
        offsets.store(ConsumerOffsetKind.GROUP, 2, 2);

        offsets.clear();

        assertEquals(OptionalLong.empty(), offsets.get(ConsumerOffsetKind.CONSUMER, 1));
        assertEquals(OptionalLong.empty(), offsets.get(ConsumerOffsetKind.GROUP, 2));
        ConsumerOffsets reopened = ConsumerOffsets.open(partitionDir, 100);
        assertEquals(OptionalLong.empty(), reopened.get(ConsumerOffsetKind.CONSUMER, 1));
        assertEquals(OptionalLong.empty(), reopened.get(ConsumerOffsetKind.GROUP, 2));
    }

    @Test
    void shouldIgnoreLeftoverTempAndMalformedFilesWhenOpened() throws IOException {
        Path consumers = Files.createDirectories(partitionDir.resolve("offsets/consumers"));
        Files.write(consumers.resolve("3.tmp"), new byte[8]);
        Files.write(consumers.resolve("4"), new byte[3]);

        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);

        assertEquals(OptionalLong.empty(), offsets.get(ConsumerOffsetKind.CONSUMER, 3));
        assertEquals(OptionalLong.empty(), offsets.get(ConsumerOffsetKind.CONSUMER, 4));
        assertFalse(Files.exists(consumers.resolve("3.tmp")));
    }

    @Test
    void shouldKeepOffsetInMemoryAndWriteItLaterWhenFileCannotBeWritten() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);
        Path consumers = partitionDir.resolve("offsets/consumers");
        Files.delete(consumers);

        offsets.storeOrKeep(ConsumerOffsetKind.CONSUMER, 4, 40, "test");

        assertEquals(OptionalLong.of(40), offsets.get(ConsumerOffsetKind.CONSUMER, 4), "in effect in memory");
        assertFalse(Files.exists(consumers.resolve("4")));
        Files.createDirectories(consumers);
        offsets.persistPending("test");
        assertArrayEquals(new byte[] {40, 0, 0, 0, 0, 0, 0, 0}, Files.readAllBytes(consumers.resolve("4")));
    }

    @Test
    void shouldFailAndChangeNothingWhenDurableStoreCannotWrite() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 100);
        offsets.store(ConsumerOffsetKind.GROUP, 1, 5);
        Files.delete(partitionDir.resolve("offsets/groups/1"));
        Files.delete(partitionDir.resolve("offsets/groups"));

        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> offsets.store(ConsumerOffsetKind.GROUP, 1, 9));

        assertEquals(OptionalLong.of(5), offsets.get(ConsumerOffsetKind.GROUP, 1));
    }

    @Test
    void shouldOverwriteAnExistingFileInPlaceWithoutFsync() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 1000);
        offsets.store(ConsumerOffsetKind.GROUP, 5, 1);
        Path file = partitionDir.resolve("offsets/groups/5");
        Object inode = fileKey(file);

        offsets.store(ConsumerOffsetKind.GROUP, 5, 0x0304);

        assertArrayEquals(new byte[] {4, 3, 0, 0, 0, 0, 0, 0}, Files.readAllBytes(file));
        if (inode != null) {
            assertEquals(inode, fileKey(file), "the same file, not a renamed replacement");
        }
        assertEquals(OptionalLong.of(0x0304), ConsumerOffsets.open(partitionDir, 1000)
            .get(ConsumerOffsetKind.GROUP, 5));
    }

    @Test
    void shouldReplaceAFileOfAnotherLengthWhole() throws IOException {
        Path groups = Files.createDirectories(partitionDir.resolve("offsets/groups"));
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 1000);
        Files.write(groups.resolve("6"), new byte[12]);

        offsets.store(ConsumerOffsetKind.GROUP, 6, 7);

        assertArrayEquals(new byte[] {7, 0, 0, 0, 0, 0, 0, 0}, Files.readAllBytes(groups.resolve("6")));
    }

    @Test
    void shouldReplaceTheFileThroughATempFileWithFsync() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 1000, true);
        offsets.store(ConsumerOffsetKind.CONSUMER, 8, 1);
        Path file = partitionDir.resolve("offsets/consumers/8");
        Object inode = fileKey(file);

        offsets.store(ConsumerOffsetKind.CONSUMER, 8, 2);

        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 0}, Files.readAllBytes(file));
        if (inode != null) {
            assertFalse(inode.equals(fileKey(file)), "renamed over the old file");
        }
    }

    /** @return the file's identity (its inode on Linux), or null where the file system has none */
    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    @Test
    void shouldPersistEveryStoreWhenMoreConsumersStoreThanFilesStayOpen() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 1000);
        int consumers = ConsumerOffsets.OPEN_FILES_PER_KIND * 2 + 1;
        for (int round = 1; round <= 3; round++) {
            for (int consumer = 1; consumer <= consumers; consumer++) {
                offsets.storeOrKeep(ConsumerOffsetKind.GROUP, consumer, round * 100L + consumer, "1/1/0");
            }
        }

        ConsumerOffsets reopened = ConsumerOffsets.open(partitionDir, 1000);
        for (int consumer = 1; consumer <= consumers; consumer++) {
            assertEquals(OptionalLong.of(300L + consumer), reopened.get(ConsumerOffsetKind.GROUP, consumer));
        }
        offsets.close();
    }

    @Test
    void shouldWriteTheNewFileWhenStoredAgainAfterDeleteOrClear() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 1000);
        offsets.store(ConsumerOffsetKind.GROUP, 3, 10);
        offsets.store(ConsumerOffsetKind.GROUP, 3, 11);
        offsets.delete(ConsumerOffsetKind.GROUP, 3);
        offsets.store(ConsumerOffsetKind.GROUP, 3, 12);
        offsets.store(ConsumerOffsetKind.GROUP, 3, 13);

        assertArrayEquals(new byte[] {13, 0, 0, 0, 0, 0, 0, 0},
            Files.readAllBytes(partitionDir.resolve("offsets/groups/3")));

        offsets.clear();
        offsets.store(ConsumerOffsetKind.GROUP, 3, 14);
        offsets.store(ConsumerOffsetKind.GROUP, 3, 15);

        assertEquals(OptionalLong.of(15), ConsumerOffsets.open(partitionDir, 1000).get(ConsumerOffsetKind.GROUP, 3));
        offsets.close();
    }

    @Test
    void shouldStoreAgainWhenClosed() throws IOException {
        ConsumerOffsets offsets = ConsumerOffsets.open(partitionDir, 1000);
        offsets.store(ConsumerOffsetKind.CONSUMER, 4, 20);
        offsets.close();
        offsets.store(ConsumerOffsetKind.CONSUMER, 4, 21);
        offsets.close();

        assertEquals(OptionalLong.of(21), ConsumerOffsets.open(partitionDir, 1000).get(ConsumerOffsetKind.CONSUMER, 4));
    }
}
