package org.iggyj.kernel.partition;

import java.io.IOException;
import java.io.SyncFailedException;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.PartitionLog;
import org.iggyj.kernel.storage.ReadOnlyLogException;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a failed append or fsync does to a partition and what the client is told.
 *
 * <ul>
 *   <li>Out of space (ENOSPC, a quota, or below {@code system.storage.min_free_space}): the batch was
 *       rolled back or never written; the partition stays writable and sends succeed again once space
 *       returns. Error 4010 {@code cannot_append_message}.</li>
 *   <li>Any other write error (EIO...): the batch was rolled back, but the device is suspect, so the
 *       partition turns read-only. Error 4010.</li>
 *   <li>fsync error: never retried (fsyncgate); the unacknowledged messages were truncated and the
 *       partition turns read-only. Error 10009 {@code cannot_sync_file}.</li>
 *   <li>Send to a read-only partition: error 4010, nothing written.</li>
 * </ul>
 * Reads are never refused because of these states. A read-only partition becomes writable again when
 * the server restarts (recovery re-validates the tail) or the partition is purged.
 *
 * <p>Stateless; called on the partition's owner thread.
 */
final class WriteFailures {

    private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);

    private WriteFailures() {
    }

    /** A send refused because the partition is read-only. */
    static IggyException readOnly(String partition) {
        return new IggyException(ErrorCode.CANNOT_APPEND_MESSAGE, "partition " + partition
            + " is read-only after a storage failure");
    }

    /** A send refused before writing because free space is short. */
    static IggyException noSpace(String partition) {
        return new IggyException(ErrorCode.CANNOT_APPEND_MESSAGE, "partition " + partition
            + ": not enough free space in the data directory (system.storage.min_free_space)");
    }

    /**
     * @param log       the partition's log
     * @param space     the free-space account
     * @param failure   what {@link PartitionLog#append} threw
     * @param bytes     what the append needed
     * @param partition stream/topic/partition, for messages
     * @return the exception to fail the send with
     */
    static IggyException onAppendFailed(PartitionLog log, DiskSpace space, IOException failure, long bytes,
                                        String partition) {
        if (failure instanceof ReadOnlyLogException) {
            return readOnly(partition, failure);
        }
        if (failure instanceof SyncFailedException) {
            return onSyncFailed(log, failure, partition);
        }
        if (!log.isReadOnly() && space.onWriteFailed(failure, bytes)) {
            return new IggyException(ErrorCode.CANNOT_APPEND_MESSAGE, "partition " + partition
                + ": the data directory is full, the batch was not stored", failure);
        }
        log.markReadOnly("write failed: " + failure);
        LOG.error("Partition {}: a write failed; the batch was not stored, and the partition is read-only until "
            + "the server restarts (polls keep working)", partition, failure);
        return new IggyException(ErrorCode.CANNOT_APPEND_MESSAGE, "partition " + partition + ": write failed",
            failure);
    }

    /**
     * @param log       the partition's log, already read-only when the fsync failed
     * @param failure   what {@link PartitionLog#sync} threw
     * @param partition stream/topic/partition, for messages
     * @return the exception to fail the waiting sends (or the flush) with
     */
    static IggyException onSyncFailed(PartitionLog log, IOException failure, String partition) {
        if (failure instanceof ReadOnlyLogException) {
            return readOnly(partition, failure);
        }
        log.markReadOnly("fsync failed: " + failure);
        LOG.error("Partition {}: fsync failed; the messages not yet acknowledged were dropped and the partition is "
            + "read-only until the server restarts (polls keep working)", partition, failure);
        return new IggyException(ErrorCode.CANNOT_SYNC_FILE, "partition " + partition + ": fsync failed", failure);
    }

    private static IggyException readOnly(String partition, IOException failure) {
        return new IggyException(ErrorCode.CANNOT_APPEND_MESSAGE, "partition " + partition
            + " is read-only after a storage failure: " + failure.getMessage());
    }
}
