package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active segment's {@code .log} extended past its data ({@link AppendRunway}): what a crash leaves (the
 * files copied while the log is open, as the kernel holds them) recovers to exactly the appended messages,
 * and sealed segments and a cleanly closed log are as long as their messages. Real files.
 */
class AppendRunwayTest {

    private static final StorageConfig FSYNC = new StorageConfig(1 << 20, true, false);
    /** Batches of 10 messages of 1,000 payload bytes: 10,640 bytes of frames. */
    private static final int COUNT = 10;
    private static final int PAYLOAD = 1000;

    @TempDir
    Path tempDir;

    private PartitionLog log;
    private PartitionLog recovered;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        if (recovered != null) {
            recovered.close();
        }
    }

    private long appendBatch(PartitionLog target, long timestampUs) throws IOException {
        ByteBuf batch = TestMessages.sized(COUNT, PAYLOAD);
        try {
            long base = target.append(batch, COUNT, timestampUs);
            target.sync();
            return base;
        } finally {
            batch.release();
        }
    }

    private static long logSize(Path dir, long baseOffset) throws IOException {
        return Files.size(Segment.logPath(dir, baseOffset));
    }

    /** What a crash leaves: the files as the kernel holds them, copied while the log is open. */
    private static Path crashCopy(Path dir, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    @Test
    void shouldExtendTheActiveLogPastItsDataWithZeros() throws IOException {
        Path dir = tempDir.resolve("p");
        log = PartitionLog.open(dir, FSYNC);
        appendBatch(log, 100);

        long data = log.sizeBytes();
        assertEquals(COUNT * (MessageFrame.HEADER_LENGTH + PAYLOAD), data);
        assertEquals(data + AppendRunway.EXTEND_BYTES, logSize(dir, 0), "extended one step past the data");
        try (FileChannel file = FileChannel.open(Segment.logPath(dir, 0), StandardOpenOption.READ)) {
            ByteBuffer tail = ByteBuffer.allocate(64 * 1024);
            file.read(tail, data);
            for (int i = 0; i < tail.position(); i++) {
                assertEquals(0, tail.get(i), "byte " + (data + i) + " past the data");
            }
        }
    }

    @Test
    void shouldRecoverACrashedActiveSegmentToItsMessages() throws IOException {
        Path dir = tempDir.resolve("p");
        log = PartitionLog.open(dir, FSYNC);
        for (int i = 0; i < 5; i++) {
            appendBatch(log, 100 + i);
        }
        long data = log.sizeBytes();
        Path copy = crashCopy(dir, tempDir.resolve("crashed"));
        assertTrue(logSize(copy, 0) > data, "the crash leaves the runway");

        recovered = PartitionLog.open(copy, FSYNC);

        assertEquals(5 * COUNT, recovered.nextOffset());
        assertEquals(data, recovered.sizeBytes());
        assertEquals(data, logSize(copy, 0), "the zeros are cut from the file");
        ReadResult all = recovered.read(0, 5 * COUNT, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals(5 * COUNT, all.count());
            ReadResult original = log.read(0, 5 * COUNT, UnpooledByteBufAllocator.DEFAULT);
            try {
                assertEquals(ByteBufUtil.hexDump(original.data()), ByteBufUtil.hexDump(all.data()));
            } finally {
                original.data().release();
            }
        } finally {
            all.data().release();
        }
        assertEquals(5 * COUNT, appendBatch(recovered, 200), "appends continue at the next offset");
        assertEquals(6 * COUNT - 1, recovered.currentOffset());
    }

    @Test
    void shouldLeaveSealedSegmentsAndACleanlyClosedLogAsLongAsTheirMessages() throws IOException {
        Path dir = tempDir.resolve("p");
        StorageConfig small = new StorageConfig(3 * COUNT * (MessageFrame.HEADER_LENGTH + PAYLOAD), true, false);
        log = PartitionLog.open(dir, small);
        for (int i = 0; i < 7; i++) {
            appendBatch(log, 100 + i);
        }
        assertEquals(3, log.segmentsCount());
        long batchBytes = COUNT * (MessageFrame.HEADER_LENGTH + PAYLOAD);
        assertEquals(3 * batchBytes, logSize(dir, 0), "sealed");
        assertEquals(3 * batchBytes, logSize(dir, 3 * COUNT), "sealed");
        assertTrue(logSize(dir, 6 * COUNT) > batchBytes, "the active one has its runway");

        log.close();
        log = null;

        assertEquals(batchBytes, logSize(dir, 6 * COUNT), "cut back when closed");
        recovered = PartitionLog.open(dir, small);
        assertEquals(7 * COUNT, recovered.nextOffset());
    }

    @Test
    void shouldCutTheRunwayOfASealedSegmentWhoseCutWasLostInACrash() throws IOException {
        Path dir = tempDir.resolve("p");
        long batchBytes = COUNT * (MessageFrame.HEADER_LENGTH + PAYLOAD);
        StorageConfig small = new StorageConfig(2 * batchBytes, false, false);
        log = PartitionLog.open(dir, small);
        for (int i = 0; i < 3; i++) {
            appendBatch(log, 100 + i);
        }
        log.close();
        log = null;
        // Without enforce_fsync the seal's cut may not reach the disk before a crash: the sealed file keeps zeros.
        try (FileChannel file = FileChannel.open(Segment.logPath(dir, 0), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate(1), 2 * batchBytes + 4 * 1024 * 1024 - 1);
        }

        recovered = PartitionLog.open(dir, small);

        assertEquals(3 * COUNT, recovered.nextOffset());
        assertEquals(2 * batchBytes, logSize(dir, 0));
        ReadResult first = recovered.read(0, 2 * COUNT, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals(2 * COUNT, first.count());
        } finally {
            first.data().release();
        }
    }
}
