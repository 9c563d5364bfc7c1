package org.iggyj.kernel.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.kernel.storage.ConsumerOffsets;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * The consumer and group offsets stored in one partition: what polls auto-commit, store_consumer_offset
 * writes and get/delete_consumer_offset read and remove. The files are {@link ConsumerOffsets}; this class
 * adds the partition's name to failures and says which failures reach the client.
 *
 * <p>Confined to the partition's owner thread; usable once the partition is open.
 */
public final class PartitionOffsets {

    /** stream/topic/partition, for messages. */
    private final String partition;
    private ConsumerOffsets offsets;

    PartitionOffsets(String partition) {
        this.partition = partition;
    }

    void onOpened(ConsumerOffsets openedOffsets) {
        this.offsets = openedOffsets;
    }

    /**
     * @param kind       consumer or group
     * @param consumerId numeric consumer or group id
     * @return the stored offset, if any
     */
    public OptionalLong stored(ConsumerOffsetKind kind, long consumerId) {
        return offsets.get(kind, consumerId);
    }

    /**
     * Stores an offset as a poll's auto-commit does: when the file cannot be written (a full disk), the
     * offset still takes effect in memory, is written later (next store, or close) and a warning is
     * logged; a crash before then re-delivers from the older offset.
     *
     * @param kind       consumer or group
     * @param consumerId numeric consumer or group id
     * @param offset     last consumed offset
     */
    public void store(ConsumerOffsetKind kind, long consumerId, long offset) {
        offsets.storeOrKeep(kind, consumerId, offset, partition);
    }

    /**
     * Stores an offset durably, as store_consumer_offset asks: nothing changes when the file cannot be
     * written.
     *
     * @param kind       consumer or group
     * @param consumerId numeric consumer or group id
     * @param offset     last consumed offset
     * @throws IggyException {@code cannot_write_to_file} (10006) when the file cannot be written
     */
    public void storeDurably(ConsumerOffsetKind kind, long consumerId, long offset) {
        try {
            offsets.store(kind, consumerId, offset);
        } catch (IOException e) {
            throw new IggyException(ErrorCode.CANNOT_WRITE_TO_FILE, "cannot store offset in partition "
                + partition + ": " + e, e);
        }
    }

    /**
     * @param kind       consumer or group
     * @param consumerId numeric consumer or group id
     * @return whether an offset was stored
     */
    public boolean delete(ConsumerOffsetKind kind, long consumerId) {
        try {
            return offsets.delete(kind, consumerId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete offset in partition " + partition, e);
        }
    }
}
