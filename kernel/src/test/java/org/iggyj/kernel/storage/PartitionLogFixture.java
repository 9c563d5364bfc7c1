package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Path;
import org.iggyj.kernel.ScopedTestDirectory;

/**
 * The set-up the storage tests share, as a JUnit extension ({@code @RegisterExtension}): a partition
 * directory in a fresh temporary folder for each test (not created: opening a log creates it), every log
 * the test opens there closed after it, however many times it reopened one, and the folder deleted
 * ({@link ScopedTestDirectory}).
 */
final class PartitionLogFixture extends ScopedTestDirectory {

    /** @return the partition directory of the current test */
    Path dir() {
        return root().resolve("partition");
    }

    /** Opens (or reopens, recovering) the log in {@link #dir()}; closed after the test. */
    PartitionLog open(StorageConfig config) throws IOException {
        return closedAtEnd(PartitionLog.open(dir(), config));
    }

    /** Opens a {@link TinySegments} log in {@link #dir()} filled with {@code batches} batches. */
    PartitionLog filled(int batches) throws IOException {
        return closedAtEnd(TinySegments.filled(dir(), batches));
    }

    /** @return the bytes of up to {@code count} messages from {@code from}, as a read returns them */
    static byte[] copied(PartitionLog log, long from, int count) throws IOException {
        ReadResult read = log.read(from, count, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(read.data());
        } finally {
            read.data().release();
        }
    }
}
