package org.iggyj.kernel.partition;

/**
 * A partition's statistics as its owner last published them: the read-only view that stats, stream and
 * topic listings and meters get. Any thread; each value is individually up to date, so a reader sees a
 * consistent-enough recent value rather than one snapshot of all.
 */
public interface PartitionStats {

    /** @return the last offset served, 0 when empty */
    long currentOffset();

    /** @return how many messages the partition serves */
    long messages();

    /** @return the bytes its segments hold */
    long sizeBytes();

    /** @return how many segments it has */
    int segments();

    /** @return whether it refuses appends after a storage failure */
    boolean readOnly();
}
