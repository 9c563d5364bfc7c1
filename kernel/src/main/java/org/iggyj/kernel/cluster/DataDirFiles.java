package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of {@code system.path} as snapshots share them: named relative to the data root with
 * {@code /}, segment files hard-linked where the file system allows and copied up to a length where not,
 * cut back to a recorded length. Segments are append-only, so a link's first {@code length} bytes never
 * change: that prefix is what a snapshot holds ({@link KernelSnapshots}).
 *
 * <p>Stateless over the files: any thread; callers serialise work on one partition on its owner shard.
 */
final class DataDirFiles {

    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    /** @param root the data root ({@code system.path}) */
    DataDirFiles(Path root) {
        this.root = root;
    }

    /** @return {@code file}'s name relative to the data root, with {@code /} as separator */
    String relative(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** @return the file under the data root named by {@link #relative} */
    Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** @return the regular files below {@code dir}, sorted, without temporary ones; none if it is absent */
    List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(TEMP_SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    /**
     * A hard link shares the file's bytes; across file systems (an absolute {@code replication.path}
     * elsewhere) the snapshot's prefix is copied instead.
     */
    void linkOrCopy(Path source, Path target, long length) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException e) {
            copyPrefix(source, target, length);
        }
    }

    /** Copies the first {@code length} bytes of {@code source} into a new file, fsynced. */
    void copyPrefix(Path source, Path target, long length) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                done += in.transferTo(done, length - done, out);
            }
            out.force(true);
        }
    }

    /** Cuts {@code file} to {@code length} bytes, fsynced, when it is longer. */
    void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() > length) {
                ch.truncate(length);
                ch.force(true);
            }
        }
    }
}
