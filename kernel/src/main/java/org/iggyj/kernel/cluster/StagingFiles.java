package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.iggyj.kernel.partition.PartitionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files {@link SegmentSends} keeps a send's bytes in while its partition is being reshaped, one per
 * send: {@code <index>-<stream>-<topic>-<partition>.messages}, {@code <index>_<send>-...} for a send after
 * the first of a multi-send, so that a restarted member finds what it staged. Slots are
 * {@link SegmentSends#slot}'s: an entry's index times {@link MultiSendEntry#MAX_SENDS} plus the send's position.
 */
final class StagingFiles {

    /** Told each staged send found after a restart. */
    interface Found {
        void staged(long slot, PartitionKey key);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StagingFiles.class);
    private static final String SUFFIX = ".messages";

    private final Path dir;

    /** @param dir the staging directory, created when first needed */
    StagingFiles(Path dir) {
        this.dir = dir;
    }

    /** Writes and fsyncs one send's bytes. */
    void write(long slot, PartitionKey key, ByteBuffer data) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel file = FileChannel.open(fileOf(slot, key), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = data.duplicate();
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(true);
        }
    }

    /** @return a channel reading one staged send's bytes */
    FileChannel open(long slot, PartitionKey key) throws IOException {
        return FileChannel.open(fileOf(slot, key), StandardOpenOption.READ);
    }

    /** @return one staged send's bytes */
    byte[] read(long slot, PartitionKey key) throws IOException {
        return Files.readAllBytes(fileOf(slot, key));
    }

    /** Deletes one staged send's file; a failure is logged, not thrown (the file is then left over). */
    void delete(long slot, PartitionKey key) {
        try {
            Files.deleteIfExists(fileOf(slot, key));
        } catch (IOException e) {
            LOG.warn("Cannot delete staging file of entry {}", SegmentSends.indexOf(slot), e);
        }
    }

    /** After a restart: reports each staged send; files of another shape are deleted. */
    void recover(Found found) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("-");
                if (parts.length != 4) {
                    Files.deleteIfExists(f);
                    continue;
                }
                int sub = parts[0].indexOf('_');
                long index = Long.parseLong(sub < 0 ? parts[0] : parts[0].substring(0, sub));
                int send = sub < 0 ? 0 : Integer.parseInt(parts[0].substring(sub + 1));
                found.staged(SegmentSends.slot(index, send), new PartitionKey(Long.parseLong(parts[1]),
                        Long.parseLong(parts[2]), Long.parseLong(parts[3])));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot recover the staged entries in {}", dir, e);
        }
    }

    private Path fileOf(long slot, PartitionKey key) {
        long index = SegmentSends.indexOf(slot);
        long send = slot - SegmentSends.slot(index, 0);
        String prefix = send == 0 ? Long.toString(index) : index + "_" + send;
        return dir.resolve(prefix + "-" + key.streamId() + "-" + key.topicId() + "-" + key.partitionId() + SUFFIX);
    }
}
