package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a snapshot of the served state links ({@link PartitionLog#readableFileLengths()}) and where reads
 * stop ({@link PartitionLog#readableNextOffset()}) when written messages are held back: 6 batches of
 * {@link TinySegments} make a sealed segment of offsets 0..7 (1312 bytes) and an active one of 8..11.
 */
class LogReaderTest {

    private static final String FIRST_LOG = "00000000000000000000.log";
    private static final String FIRST_INDEX = "00000000000000000000.index";
    private static final String SECOND_LOG = "00000000000000000008.log";
    private static final String SECOND_INDEX = "00000000000000000008.index";

    @TempDir
    Path dir;

    private PartitionLog log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void shouldLinkWholeFilesOnlyWhenNothingIsHeldBack() throws IOException {
        log = TinySegments.filled(dir, 6);
        assertNull(log.readableFileLengths());
        assertEquals(12, log.readableNextOffset());
    }

    @Test
    void shouldCutTheFilesOfTheSegmentHoldingTheReadableEnd() throws IOException {
        log = TinySegments.filled(dir, 6);
        log.setReadableEnd(10);
        assertEquals(10, log.readableNextOffset());
        assertEquals(Map.of(FIRST_LOG, 8L * TinySegments.MESSAGE_BYTES, FIRST_INDEX, 8L * 16,
            SECOND_LOG, 2L * TinySegments.MESSAGE_BYTES, SECOND_INDEX, 2L * 16), log.readableFileLengths());
    }

    @Test
    void shouldLeaveOutASegmentStartingAtTheReadableEnd() throws IOException {
        log = TinySegments.filled(dir, 6);
        log.setReadableEnd(8);
        assertEquals(Map.of(FIRST_LOG, 8L * TinySegments.MESSAGE_BYTES, FIRST_INDEX, 8L * 16),
            log.readableFileLengths());
        assertEquals(0, log.read(8, 10, UnpooledByteBufAllocator.DEFAULT).count());
    }

    @Test
    void shouldLinkTheEmptyFirstSegmentOfALogHeldBackFromTheStart() throws IOException {
        log = PartitionLog.open(dir, TinySegments.CONFIG);
        log.setReadableEnd(0);
        TinySegments.appendBatch(log, 100);
        assertEquals(0, log.readableNextOffset());
        assertEquals(Map.of(FIRST_LOG, 0L, FIRST_INDEX, 0L), log.readableFileLengths());
    }
}
