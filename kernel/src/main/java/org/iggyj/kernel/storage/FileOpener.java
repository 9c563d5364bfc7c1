package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the {@code .log} and {@code .index} channels of segments. Production uses {@link #DEFAULT}
 * ({@link FileChannel#open}); tests pass an opener whose channels fail on purpose (write or fsync
 * errors), which is the only way to reach the storage error paths short of a broken disk. It is a
 * Java seam, not a configuration key: nothing a user configures can switch it.
 *
 * <p>Thread-safety: called by the partition's owner thread (and the startup thread during recovery);
 * implementations must be safe to call from several shard threads at once.
 */
@FunctionalInterface
public interface FileOpener {

    /** Plain {@link FileChannel#open(Path, OpenOption...)}. */
    FileOpener DEFAULT = FileChannel::open;

    /**
     * @param path    the file
     * @param options as for {@link FileChannel#open(Path, OpenOption...)}
     * @return the open channel; the caller closes it
     * @throws IOException as {@link FileChannel#open(Path, OpenOption...)}
     */
    FileChannel open(Path path, OpenOption... options) throws IOException;
}
