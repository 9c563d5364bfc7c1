package org.iggyj.kernel.partition;

import org.iggyj.kernel.storage.PartitionLog;

/**
 * A partition's statistics as its owner last published them: what stats, stream and topic listings and
 * meters read from any thread without a lock. The owner publishes after every change of its log; each
 * field is a single-writer volatile, individually up to date, so a reader sees a consistent-enough recent
 * value rather than one snapshot of all.
 */
final class PublishedStats {

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

    long currentOffset() {
        return currentOffset;
    }

    long messages() {
        return messages;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    int segments() {
        return segments;
    }

    boolean readOnly() {
        return readOnly;
    }
}
