package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a partition directory at startup and recovers them.
 *
 * <ul>
 *   <li>Sealed segments (all but the last) are trusted when their index is consistent with the
 *       {@code .log}: whole 16-byte entries, first relative offset 0, last relative offset = count - 1,
 *       last end position = {@code .log} size, and count = next segment's base - this base. Otherwise
 *       the index is rebuilt from the {@code .log}; a sealed {@code .log} that does not scan cleanly to
 *       its end fails the open (its offsets cannot be cut without leaving a gap).</li>
 *   <li>The last segment is always re-verified: its index entries are kept while structurally sound,
 *       then walked back from the newest until one whose message validates ({@link SegmentScanner});
 *       the messages after it are scanned forward, and the first torn or corrupt one is truncated
 *       together with everything after it, from both files. Design note: the walk-back trusts the
 *       messages before the newest valid indexed one without hashing them, which keeps restarts cheap
 *       with large segments; {@link StorageConfig#validateChecksum()} scans every message instead.</li>
 * </ul>
 *
 * Not thread-safe: runs on the thread opening the partition.
 */
final class SegmentLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLoader.class);
    private static final int BASE_OFFSET_DIGITS = 20;

    private final Path dir;
    private final StorageConfig config;
    private final SegmentScanner scanner = new SegmentScanner();

    private SegmentLoader(Path dir, StorageConfig config) {
        this.dir = dir;
        this.config = config;
    }

    /** Opens and recovers every segment in {@code dir}, creating segment 0 if there is none. */
    static List<Segment> load(Path dir, StorageConfig config) throws IOException {
        List<Long> baseOffsets = baseOffsets(dir);
        List<Segment> segments = new ArrayList<>(baseOffsets.size() + 1);
        try (SegmentLoader loader = new SegmentLoader(dir, config)) {
            for (int i = 0; i < baseOffsets.size() - 1; i++) {
                Segment sealed = loader.loadSealed(baseOffsets.get(i), baseOffsets.get(i + 1));
                if (sealed != null) {
                    segments.add(sealed);
                }
            }
            segments.add(baseOffsets.isEmpty()
                ? Segment.create(dir, 0, config.io().files())
                : loader.loadLast(baseOffsets.get(baseOffsets.size() - 1)));
            return segments;
        } catch (IOException | RuntimeException e) {
            for (Segment segment : segments) {
                segment.close();
            }
            throw e;
        }
    }

    /**
     * Reopens the segment at {@code baseOffset} for appends, as if it were the last one (recovered the
     * same way): used when a truncation makes a sealed segment the last again.
     */
    static Segment reopenAsLast(Path dir, StorageConfig config, long baseOffset) throws IOException {
        try (SegmentLoader loader = new SegmentLoader(dir, config)) {
            return loader.loadLast(baseOffset);
        }
    }

    private static List<Long> baseOffsets(Path dir) throws IOException {
        List<Long> baseOffsets = new ArrayList<>();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*" + Segment.LOG_SUFFIX)) {
            for (Path log : logs) {
                String name = log.getFileName().toString();
                String digits = name.substring(0, name.length() - Segment.LOG_SUFFIX.length());
                if (digits.length() == BASE_OFFSET_DIGITS && digits.chars().allMatch(Character::isDigit)) {
                    baseOffsets.add(Long.parseLong(digits));
                }
            }
        }
        baseOffsets.sort(null);
        return baseOffsets;
    }

    private Segment loadSealed(long baseOffset, long nextBaseOffset) throws IOException {
        Path indexPath = Segment.indexPath(dir, baseOffset);
        FileChannel log = config.io().files().open(Segment.logPath(dir, baseOffset),
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long logSize = log.size();
            if (logSize == 0 && baseOffset == nextBaseOffset) {
                LOG.warn("Partition {}: deleting empty sealed segment {}", dir, baseOffset);
                log.close();
                Files.delete(Segment.logPath(dir, baseOffset));
                Files.deleteIfExists(indexPath);
                return null;
            }
            int count = consistentIndexCount(indexPath, logSize, nextBaseOffset - baseOffset);
            SegmentIndex index = null;
            if (count < 0 || config.validateChecksum()) {
                MutableSegmentIndex rebuilt = rebuildSealedIndex(log, logSize, baseOffset, nextBaseOffset);
                if (count != rebuilt.count() && !rewriteSealedIndex(indexPath, rebuilt, baseOffset)) {
                    index = rebuilt;
                }
                count = rebuilt.count();
            }
            return new Segment(baseOffset, dir, log, null,
                index != null ? index : MappedSegmentIndex.map(indexPath, count), logSize);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private MutableSegmentIndex rebuildSealedIndex(FileChannel log, long logSize, long baseOffset,
                                                   long nextBaseOffset) throws IOException {
        MutableSegmentIndex rebuilt = new MutableSegmentIndex();
        long end = scanner.scan(log, 0, logSize, baseOffset, rebuilt);
        if (end != logSize || baseOffset + rebuilt.count() != nextBaseOffset) {
            throw new IOException("Partition " + dir + ": sealed segment " + baseOffset + " is corrupt: "
                + rebuilt.count() + " valid messages in " + end + " of " + logSize + " bytes, next segment starts at "
                + nextBaseOffset);
        }
        return rebuilt;
    }

    /** Writes a rebuilt sealed index; false when it cannot (a full disk), and the caller keeps it in memory. */
    private boolean rewriteSealedIndex(Path indexPath, MutableSegmentIndex rebuilt, long baseOffset) {
        LOG.warn("Partition {}: rebuilding inconsistent index of sealed segment {}", dir, baseOffset);
        try (FileChannel index = FileChannel.open(indexPath, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            rebuilt.writeTo(index, 0);
            index.force(false);
            return true;
        } catch (IOException e) {
            LOG.warn("Partition {}: cannot write the rebuilt index of sealed segment {} ({}); it is kept in memory "
                + "and rebuilt again at the next start", dir, baseOffset, e.toString());
            return false;
        }
    }

    /** Entry count of the index file if it is consistent with the log and the expected count, else -1. */
    private static int consistentIndexCount(Path indexPath, long logSize, long expectedCount) throws IOException {
        if (!Files.exists(indexPath)) {
            return -1;
        }
        try (FileChannel index = FileChannel.open(indexPath, StandardOpenOption.READ)) {
            long indexSize = index.size();
            if (indexSize == 0 || indexSize % SegmentIndex.ENTRY_LENGTH != 0
                || indexSize / SegmentIndex.ENTRY_LENGTH != expectedCount) {
                return -1;
            }
            ByteBuffer first = readEntry(index, 0);
            ByteBuffer last = readEntry(index, indexSize - SegmentIndex.ENTRY_LENGTH);
            boolean consistent = first.getInt(SegmentIndex.RELATIVE_OFFSET_OFFSET) == 0
                && Integer.toUnsignedLong(last.getInt(SegmentIndex.RELATIVE_OFFSET_OFFSET)) == expectedCount - 1
                && Integer.toUnsignedLong(last.getInt(SegmentIndex.POSITION_OFFSET)) == logSize;
            return consistent ? (int) expectedCount : -1;
        }
    }

    private static ByteBuffer readEntry(FileChannel index, long position) throws IOException {
        ByteBuffer entry = ByteBuffer.allocate(SegmentIndex.ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        while (entry.hasRemaining() && index.read(entry, position + entry.position()) >= 0) {
            // read until the entry is full or the file ends
        }
        return entry;
    }

    private Segment loadLast(long baseOffset) throws IOException {
        FileChannel log = config.io().files().open(Segment.logPath(dir, baseOffset),
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel indexFile = null;
        try {
            indexFile = config.io().files().open(Segment.indexPath(dir, baseOffset),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long logSize = log.size();
            MutableSegmentIndex index = soundEntries(indexFile, logSize);
            int trusted = config.validateChecksum() ? 0 : lastValidIndexed(log, index, baseOffset) + 1;
            index.truncate(trusted);
            long end = scanner.scan(log, index.startPosition(trusted), logSize, baseOffset + trusted, index);
            if (end < logSize) {
                LOG.warn("Partition {}: truncated {} bytes of torn or corrupt messages from segment {} "
                    + "(kept {} messages, {} bytes)", dir, logSize - end, baseOffset, index.count(), end);
                log.truncate(end);
            }
            boolean indexWritten = repairIndexFile(indexFile, index, trusted, baseOffset);
            if (end < logSize) {
                log.force(false);
            }
            log.position(end);
            indexFile.position((long) index.count() * SegmentIndex.ENTRY_LENGTH);
            Segment segment = new Segment(baseOffset, dir, log, indexFile, index, end);
            if (!indexWritten) {
                segment.repairIndexFrom(trusted);
            }
            return segment;
        } catch (IOException | RuntimeException e) {
            log.close();
            if (indexFile != null) {
                indexFile.close();
            }
            throw e;
        }
    }

    /**
     * Rewrites the index file from entry {@code trusted} on when it differs from the recovered index.
     *
     * @return false when the write failed (a full disk): the partition still opens, with the recovered
     *         index in memory, and the entries are written before its next append
     */
    private boolean repairIndexFile(FileChannel indexFile, MutableSegmentIndex index, int trusted, long baseOffset)
        throws IOException {
        long expectedSize = (long) index.count() * SegmentIndex.ENTRY_LENGTH;
        if (indexFile.size() == expectedSize && index.count() == trusted) {
            return true;
        }
        if (indexFile.size() != 0 || index.count() != 0) {
            LOG.warn("Partition {}: rewrote index of segment {} from entry {} ({} entries)",
                dir, baseOffset, trusted, index.count());
        }
        indexFile.truncate((long) trusted * SegmentIndex.ENTRY_LENGTH);
        try {
            index.writeTo(indexFile, trusted);
            indexFile.force(false);
            return true;
        } catch (IOException e) {
            LOG.warn("Partition {}: cannot write the index of segment {} from entry {} ({}); the partition opens "
                + "with its index in memory and writes it before the next append", dir, baseOffset, trusted,
                e.toString());
            return false;
        }
    }

    /**
     * Loads the index file's entries while they are structurally sound: relative offset = entry number,
     * each message at least a header long, end positions within the log.
     */
    private static MutableSegmentIndex soundEntries(FileChannel indexFile, long logSize) throws IOException {
        MutableSegmentIndex index = new MutableSegmentIndex();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        long filePosition = 0;
        long previousEnd = 0;
        while (true) {
            chunk.clear();
            int read = indexFile.read(chunk, filePosition);
            if (read < SegmentIndex.ENTRY_LENGTH) {
                return index;
            }
            filePosition += read;
            chunk.flip();
            while (chunk.remaining() >= SegmentIndex.ENTRY_LENGTH) {
                int relativeOffset = chunk.getInt();
                long end = Integer.toUnsignedLong(chunk.getInt());
                long timestampUs = chunk.getLong();
                boolean sound = relativeOffset == index.count()
                    && end - previousEnd >= MessageFrame.HEADER_LENGTH && end <= logSize;
                if (!sound) {
                    return index;
                }
                index.add(end, timestampUs);
                previousEnd = end;
            }
            filePosition -= chunk.remaining();
        }
    }

    /** The newest indexed entry whose message validates, or -1 if none does. */
    private int lastValidIndexed(FileChannel log, SegmentIndex index, long baseOffset) throws IOException {
        for (int i = index.count() - 1; i >= 0; i--) {
            if (scanner.isValidMessage(log, index.startPosition(i), index.endPosition(i), baseOffset + i)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        scanner.close();
    }
}
