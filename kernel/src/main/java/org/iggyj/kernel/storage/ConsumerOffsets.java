package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side consumer and consumer-group offsets of one partition ("last consumed" offsets),
 * kept in memory and persisted as Iggy does: one file per consumer, {@code <partition>/offsets/consumers/<id>}
 * or {@code <partition>/offsets/groups/<id>}, holding the offset as 8 bytes u64 little-endian. A new
 * file is created whole by writing {@code <id>.tmp} and renaming it into place; an existing one is
 * overwritten in place (no fsync, as Iggy does), or with {@code fsync} replaced by a temp file forced
 * before the rename. Either way a crash leaves the old or the new value.
 *
 * <p>Design note: a poll's auto-commit stores once per poll, so without fsync the files of the most
 * recently stored consumers stay open ({@value #OPEN_FILES_PER_KIND} per kind, least recently stored
 * closed first): an overwrite is then one {@code pwrite}, not open, stat, write and close per poll.
 * Call {@link #close} when the partition closes.
 *
 * <p>Loaded at {@link #open}; values above the partition's current offset are lowered to it (crash
 * clamp: an auto-commit may have run ahead of what reached disk). Validating an offset against the
 * partition before {@link #store} is the caller's job.
 *
 * <p>Threading: owned by the partition's shard thread; not thread-safe.
 */
public final class ConsumerOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerOffsets.class);
    static final String OFFSETS_DIRECTORY = "offsets";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int OFFSET_FILE_LENGTH = Long.BYTES;
    /** Offset files kept open per kind: the consumers polling a partition with auto-commit right now. */
    static final int OPEN_FILES_PER_KIND = 4;

    private final Map<ConsumerOffsetKind, Path> directories = new EnumMap<>(ConsumerOffsetKind.class);
    private final Map<ConsumerOffsetKind, Map<Long, Long>> offsets = new EnumMap<>(ConsumerOffsetKind.class);
    private final boolean fsync;
    private final ByteBuffer fileBuffer = ByteBuffer.allocate(OFFSET_FILE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    /** Offsets in effect in memory whose files could not be written yet (a full disk). */
    private final Map<ConsumerOffsetKind, Set<Long>> unwritten = new EnumMap<>(ConsumerOffsetKind.class);
    /** Open 8-byte offset files for in-place overwrites, least recently written first. */
    private final Map<ConsumerOffsetKind, LinkedHashMap<Long, FileChannel>> openFiles =
        new EnumMap<>(ConsumerOffsetKind.class);
    private boolean anyUnwritten;

    private ConsumerOffsets(Path partitionDir, boolean fsync) {
        this.fsync = fsync;
        for (ConsumerOffsetKind kind : ConsumerOffsetKind.values()) {
            directories.put(kind, partitionDir.resolve(OFFSETS_DIRECTORY).resolve(kind.directoryName()));
            offsets.put(kind, new HashMap<>());
            unwritten.put(kind, new HashSet<>());
            openFiles.put(kind, new LinkedHashMap<>(OPEN_FILES_PER_KIND * 2, 0.75f, true));
        }
    }

    /** Opens the offsets of the partition at {@code partitionDir} without fsync on store (Iggy's default). */
    public static ConsumerOffsets open(Path partitionDir, long currentOffset) throws IOException {
        return open(partitionDir, currentOffset, false);
    }

    /**
     * Opens the offsets of the partition at {@code partitionDir}, creating the directories, loading the
     * stored files and clamping values above {@code currentOffset} (rewriting those files).
     *
     * @param fsync whether {@link #store} forces each file to disk before renaming it into place
     */
    public static ConsumerOffsets open(Path partitionDir, long currentOffset, boolean fsync) throws IOException {
        ConsumerOffsets consumerOffsets = new ConsumerOffsets(partitionDir, fsync);
        for (ConsumerOffsetKind kind : ConsumerOffsetKind.values()) {
            consumerOffsets.load(kind, currentOffset);
        }
        return consumerOffsets;
    }

    private void load(ConsumerOffsetKind kind, long currentOffset) throws IOException {
        Path directory = Files.createDirectories(directories.get(kind));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                    continue;
                }
                long consumerId;
                try {
                    consumerId = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length != OFFSET_FILE_LENGTH) {
                    LOG.warn("Ignoring consumer offset file {} of {} bytes (expected {})", file, bytes.length,
                        OFFSET_FILE_LENGTH);
                    continue;
                }
                long offset = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (Long.compareUnsigned(offset, currentOffset) > 0) {
                    LOG.warn("Clamping {} offset of {} in {} from {} to the partition's current offset {}",
                        kind, consumerId, directory, Long.toUnsignedString(offset), currentOffset);
                    offset = currentOffset;
                    try {
                        write(kind, consumerId, offset);
                    } catch (IOException e) {
                        // A full disk must not stop the partition from opening; the clamped value is written later.
                        LOG.warn("Cannot rewrite clamped offset file {} ({}); it is written later", file, e.toString());
                        unwritten.get(kind).add(consumerId);
                        anyUnwritten = true;
                    }
                }
                offsets.get(kind).put(consumerId, offset);
            }
        }
    }

    /** The stored offset of a consumer or group, empty if none is stored. */
    public OptionalLong get(ConsumerOffsetKind kind, long consumerId) {
        Long offset = offsets.get(kind).get(consumerId);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The lowest offset stored by any consumer or group (the retention barrier), empty if none is stored. */
    public OptionalLong lowest() {
        long lowest = Long.MAX_VALUE;
        boolean any = false;
        for (Map<Long, Long> byConsumer : offsets.values()) {
            for (long offset : byConsumer.values()) {
                lowest = Math.min(lowest, offset);
                any = true;
            }
        }
        return any ? OptionalLong.of(lowest) : OptionalLong.empty();
    }

    /** Stores (and persists) the offset of a consumer or group, replacing any previous one. */
    public void store(ConsumerOffsetKind kind, long consumerId, long offset) throws IOException {
        write(kind, consumerId, offset);
        offsets.get(kind).put(consumerId, offset);
    }

    /**
     * Stores an offset, keeping it in memory when its file cannot be written (a full disk): it is
     * written by a later store or {@link #persistPending}. Offsets not written earlier are retried first.
     *
     * @param partition stream/topic/partition, for the warning
     */
    public void storeOrKeep(ConsumerOffsetKind kind, long consumerId, long offset, String partition) {
        persistPending(partition);
        try {
            store(kind, consumerId, offset);
        } catch (IOException e) {
            offsets.get(kind).put(consumerId, offset);
            anyUnwritten = true;
            if (unwritten.get(kind).add(consumerId)) {
                LOG.warn("Partition {}: cannot write the {} offset of {} ({}); it takes effect in memory and is "
                    + "written once space returns", partition, kind, consumerId, e.toString());
            }
        }
    }

    /**
     * Writes the offsets that {@link #storeOrKeep} could only keep in memory; those that still fail stay
     * pending.
     *
     * @param partition stream/topic/partition, for the log
     */
    public void persistPending(String partition) {
        if (!anyUnwritten) {
            return;
        }
        boolean allWritten = true;
        for (ConsumerOffsetKind kind : ConsumerOffsetKind.values()) {
            Set<Long> pending = unwritten.get(kind);
            if (pending.isEmpty()) {
                continue;
            }
            for (var it = pending.iterator(); it.hasNext();) {
                long consumerId = it.next();
                Long offset = offsets.get(kind).get(consumerId);
                try {
                    if (offset != null) {
                        write(kind, consumerId, offset);
                    }
                    it.remove();
                } catch (IOException e) {
                    LOG.debug("Partition {}: {} offset of {} still not written: {}", partition, kind, consumerId,
                        e.toString());
                    allWritten = false;
                    break;
                }
            }
            if (pending.isEmpty()) {
                LOG.info("Partition {}: pending {} offsets written", partition, kind);
            }
        }
        anyUnwritten = !allWritten;
    }

    /** Deletes the offset of a consumer or group and its file; false if none was stored. */
    public boolean delete(ConsumerOffsetKind kind, long consumerId) throws IOException {
        closeQuietly(openFiles.get(kind).remove(consumerId));
        unwritten.get(kind).remove(consumerId);
        boolean existed = offsets.get(kind).remove(consumerId) != null;
        boolean fileExisted = Files.deleteIfExists(file(kind, consumerId));
        return existed || fileExisted;
    }

    /** Deletes every stored offset and its file (partition purge). */
    public void clear() throws IOException {
        close();
        for (ConsumerOffsetKind kind : ConsumerOffsetKind.values()) {
            offsets.get(kind).clear();
            unwritten.get(kind).clear();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directories.get(kind))) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Closes the offset files kept open; the offsets stay usable (a later store opens its file again). */
    public void close() {
        for (LinkedHashMap<Long, FileChannel> open : openFiles.values()) {
            open.values().forEach(ConsumerOffsets::closeQuietly);
            open.clear();
        }
    }

    /**
     * Overwrites the 8 bytes of an existing offset file where they are, as Iggy does without fsync. Not
     * the temp file and rename of a new file: on ext4 a rename over an existing file starts writing the
     * new file's data out at once (its {@code auto_da_alloc} heuristic) and frees the old file's blocks,
     * block I/O on the shard thread at every auto-commit (one per poll of a group consumer). An 8-byte
     * write at position 0 of an 8-byte file changes one sector, so a crash leaves the old or the new value.
     *
     * @return false when the file does not exist yet or is not 8 bytes long (it is then replaced whole by
     *         the rename path)
     */
    private boolean overwriteInPlace(ConsumerOffsetKind kind, long consumerId) throws IOException {
        LinkedHashMap<Long, FileChannel> open = openFiles.get(kind);
        FileChannel channel = open.get(consumerId);
        if (channel == null) {
            try {
                channel = FileChannel.open(file(kind, consumerId), StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (channel.size() != OFFSET_FILE_LENGTH) {
                channel.close();
                return false;
            }
            if (open.size() >= OPEN_FILES_PER_KIND) {
                var eldest = open.entrySet().iterator();
                closeQuietly(eldest.next().getValue());
                eldest.remove();
            }
            open.put(consumerId, channel);
        }
        try {
            int position = 0;
            while (fileBuffer.hasRemaining()) {
                position += channel.write(fileBuffer, position);
            }
        } catch (IOException e) {
            open.remove(consumerId);
            closeQuietly(channel);
            throw e;
        }
        return true;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing an offset file failed: {}", e.toString());
        }
    }

    private Path file(ConsumerOffsetKind kind, long consumerId) {
        return directories.get(kind).resolve(Long.toString(consumerId));
    }

    private void write(ConsumerOffsetKind kind, long consumerId, long offset) throws IOException {
        fileBuffer.clear();
        fileBuffer.putLong(offset).flip();
        if (!fsync && overwriteInPlace(kind, consumerId)) {
            return;
        }
        Path target = file(kind, consumerId);
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (fileBuffer.hasRemaining()) {
                channel.write(fileBuffer);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
