package org.iggyj.kernel.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code state/metadata.reserve}: zeros that hold room for the next metadata save on a full disk.
 *
 * <p>Design note: replacing {@code metadata.json} atomically needs a second copy on disk for a moment,
 * and on a full disk there is none, so the commands that free space (deleting a stream or topic) could
 * not be saved. Each save therefore first gives back as much of the reserve as it is about to write,
 * then writes, renames (freeing the old copy) and grows the reserve again. The file is written with
 * zeros, never extended sparsely, because a hole reserves nothing. Refilling is best effort: on a
 * full disk the reserve stays short until a later save finds room.
 *
 * <p>Used by the metadata writer's thread (and the startup thread before it runs).
 */
final class SpaceReserve {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceReserve.class);
    static final String FILE_NAME = "metadata.reserve";
    /** Smallest reserve kept; the reserve is also at least twice the last metadata file. */
    static final long MIN_BYTES = 1L << 20;
    private static final int PAGE_BYTES = 4096;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Path file;

    SpaceReserve(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    /** Frees at least {@code bytes} (whole pages) of the reserve, if it holds that much; else all of it. */
    void release(long bytes) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long pages = (bytes + PAGE_BYTES - 1) / PAGE_BYTES + 1;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - pages * PAGE_BYTES));
        }
    }

    /**
     * Grows the reserve to {@code targetBytes} with zeros; best effort.
     *
     * @return whether the reserve has its full size
     */
    boolean refill(long targetBytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer zeros = ByteBuffer.allocate(CHUNK_BYTES);
            while (size < targetBytes) {
                zeros.clear().limit((int) Math.min(CHUNK_BYTES, targetBytes - size));
                size += channel.write(zeros, size);
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot grow the metadata space reserve {} to {} bytes ({}); it is grown at the next metadata "
                + "save", file, targetBytes, e.toString());
            return false;
        }
    }
}
