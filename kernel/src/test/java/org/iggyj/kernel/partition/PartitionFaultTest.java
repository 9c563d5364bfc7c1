package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.FaultInjectingFileOpener;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.kernel.storage.StorageIo;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a partition does with a failed write: out of space, the send fails with 4010, the partition
 * stays writable and a deduplicated batch can be sent again; any other write error turns it read-only,
 * sends are refused with 4010 and reads go on.
 */
class PartitionFaultTest {

    private static final String ENOSPC = "No space left on device";

    private final FaultInjectingFileOpener files = new FaultInjectingFileOpener();

    @RegisterExtension
    final OwnedPartition owned = new OwnedPartition(
        new StorageConfig(1 << 20, false, false, new StorageIo(files, DiskSpace.unmonitored())),
        new DeduplicationConfig(true, 1000, 0));

    /** Appends messages with the given client ids; @return null on success, else the Iggy error. */
    private ErrorCode append(long... ids) throws InterruptedException {
        ByteBuf batch = OwnedPartition.batch(ids);
        CompletableFuture<Void> ack = new CompletableFuture<>();
        owned.onOwner(() -> owned.partition().append(batch, ids.length, ack));
        batch.release();
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return ((IggyException) e.getCause()).errorCode();
        }
    }

    private long stored() {
        return owned.onOwner(() -> {
            ReadResult read = owned.partition().reader().read(0, 100, UnpooledByteBufAllocator.DEFAULT);
            read.data().release();
            return (long) read.count();
        });
    }

    @Test
    void shouldStayWritableAndAcceptRetryOfDeduplicatedBatchWhenDiskIsFull() throws Exception {
        assertEquals(null, append(1, 2));
        files.failWrites(".log", OwnedPartition.HEADER_LENGTH, ENOSPC);

        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE, append(3, 4));

        assertFalse(owned.partition().stats().readOnly());
        files.heal();
        assertEquals(null, append(3, 4), "the retry is stored, not dropped as a duplicate");
        assertEquals(4, stored());
        assertEquals(null, append(3, 4));
        assertEquals(4, stored(), "a real duplicate is still dropped");
    }

    @Test
    void shouldTurnReadOnlyAndKeepServingReadsWhenWriteFailsOtherwise() throws Exception {
        assertEquals(null, append(1, 2));
        files.failWrites(".index", 0);

        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE, append(3));

        files.heal();
        assertTrue(owned.partition().stats().readOnly());
        assertEquals(ErrorCode.CANNOT_APPEND_MESSAGE, append(5));
        assertEquals(2, stored());
    }
}
