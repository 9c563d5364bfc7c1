package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A partition log that rolls at 1 KiB, filled with batches of 2 messages of 164 bytes (8 messages per
 * segment, batch {@code i} stamped {@code 100 + i}): the fixture of the storage tests that need several
 * segments from a few appends.
 */
final class TinySegments {

    static final StorageConfig CONFIG = new StorageConfig(1024, false, false);
    static final int MESSAGE_BYTES = 164;

    private TinySegments() {
    }

    /** Opens the log in {@code dir} and appends {@code batches} batches stamped 100, 101, ... */
    static PartitionLog filled(Path dir, int batches) throws IOException {
        PartitionLog log = PartitionLog.open(dir, CONFIG);
        for (int i = 0; i < batches; i++) {
            appendBatch(log, 100L + i);
        }
        return log;
    }

    /** Appends one batch of 2 messages; returns the offset of its last message. */
    static long appendBatch(PartitionLog log, long timestampUs) throws IOException {
        ByteBuf batch = TestMessages.sized(2, 100);
        try {
            return log.append(batch, 2, timestampUs);
        } finally {
            batch.release();
        }
    }
}
