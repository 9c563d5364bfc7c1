package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    final PartitionLogFixture logs = new PartitionLogFixture();

    private PartitionLog log;

    @Test
    void shouldLinkWholeFilesOnlyWhenNothingIsHeldBack() throws IOException {
        log = logs.filled(6);
        assertNull(log.readableFileLengths());
        assertEquals(12, log.readableNextOffset());
    }

    @Test
    void shouldCutTheFilesOfTheSegmentHoldingTheReadableEnd() throws IOException {
        log = logs.filled(6);
        log.setReadableEnd(10);
        assertEquals(10, log.readableNextOffset());
        assertEquals(Map.of(FIRST_LOG, 8L * TinySegments.MESSAGE_BYTES, FIRST_INDEX, 8L * 16,
            SECOND_LOG, 2L * TinySegments.MESSAGE_BYTES, SECOND_INDEX, 2L * 16), log.readableFileLengths());
    }

    @Test
    void shouldLeaveOutASegmentStartingAtTheReadableEnd() throws IOException {
        log = logs.filled(6);
        log.setReadableEnd(8);
        assertEquals(Map.of(FIRST_LOG, 8L * TinySegments.MESSAGE_BYTES, FIRST_INDEX, 8L * 16),
            log.readableFileLengths());
        assertEquals(0, log.read(8, 10, UnpooledByteBufAllocator.DEFAULT).count());
    }

    @Test
    void shouldLinkTheEmptyFirstSegmentOfALogHeldBackFromTheStart() throws IOException {
        log = logs.open(TinySegments.CONFIG);
        log.setReadableEnd(0);
        TinySegments.appendBatch(log, 100);
        assertEquals(0, log.readableNextOffset());
        assertEquals(Map.of(FIRST_LOG, 0L, FIRST_INDEX, 0L), log.readableFileLengths());
    }
}
