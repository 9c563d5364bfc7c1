package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files: names relative to the data root, the files a snapshot walks (temporary ones left out), a
 * link whose snapshot prefix stays put while the live file grows, a copied prefix, a cut.
 */
class DataDirFilesTest {

    @TempDir
    Path root;

    @TempDir
    Path snapshot;

    @Test
    void shouldNameFilesRelativeToTheRootAndWalkThemSortedWithoutTemporaryOnes() throws IOException {
        DataDirFiles files = new DataDirFiles(root);
        Path partition = root.resolve("streams/0/topics/0/partitions/0");
        Files.createDirectories(partition);
        Files.writeString(partition.resolve("00000000000000000010.log"), "b");
        Files.writeString(partition.resolve("00000000000000000000.log"), "a");
        Files.writeString(partition.resolve("offsets.json.tmp"), "half written");

        assertEquals(List.of("streams/0/topics/0/partitions/0/00000000000000000000.log",
                "streams/0/topics/0/partitions/0/00000000000000000010.log"),
                files.regularFiles(root).stream().map(files::relative).toList());
        assertEquals(partition.resolve("x.index"), files.resolve("streams/0/topics/0/partitions/0/x.index"));
        assertEquals(List.of(), files.regularFiles(root.resolve("absent")));
    }

    @Test
    void shouldKeepTheLinkedPrefixWhileTheLiveFileGrowsAndCutItBackOnRestore() throws IOException {
        DataDirFiles files = new DataDirFiles(root);
        Path live = root.resolve("0.log");
        Files.writeString(live, "0123456789");
        Path linked = snapshot.resolve("0.log");

        files.linkOrCopy(live, linked, 10);
        Files.writeString(live, "abc", StandardOpenOption.APPEND);
        assertEquals("0123456789", Files.readString(linked).substring(0, 10), "the prefix never changes");

        Path restored = root.resolve("restored.log");
        files.copyPrefix(linked, restored, 4);
        assertEquals("0123", Files.readString(restored));

        files.truncate(live, 10);
        assertEquals("0123456789", Files.readString(live));
        files.truncate(live, 20);
        assertArrayEquals("0123456789".getBytes(), Files.readAllBytes(live), "a shorter file is left alone");
    }
}
