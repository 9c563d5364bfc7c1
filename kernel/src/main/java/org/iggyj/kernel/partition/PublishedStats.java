package org.iggyj.kernel.partition;

import org.iggyj.kernel.storage.PartitionLog;

/**
 * A partition's statistics as its owner last published them ({@link PartitionStats}: what stats, stream
 * and topic listings and meters read from any thread without a lock). The owner publishes after every
 * change of its log; each field is a single-writer volatile.
 */
final class PublishedStats implements PartitionStats {

    private volatile long currentOffset;
    private volatile long messages;
    private volatile long sizeBytes;
    private volatile int segments;
    private volatile boolean readOnly;

    /**
     * Owner thread only.
     *
     * @param log       the partition's log
     * @param servedEnd the offset after the last one served (the next offset, or the published end when
     *                  written messages are held back)
     */
    void publish(PartitionLog log, long servedEnd) {
        currentOffset = servedEnd == 0 ? 0 : servedEnd - 1;
        messages = Math.max(0, servedEnd - log.firstOffset());
        sizeBytes = log.sizeBytes();
        segments = log.segmentsCount();
        readOnly = log.isReadOnly();
    }

    @Override
    public long currentOffset() {
        return currentOffset;
    }

    @Override
    public long messages() {
        return messages;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public int segments() {
        return segments;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }
}
