package org.iggyj.kernel.storage;

/**
 * Storage settings of partition logs, fixed for the life of a {@link PartitionLog}.
 *
 * @param segmentSizeBytes soft size limit of a segment: the active segment is rolled before an append once
 *                         its {@code .log} has reached this size, so a segment may exceed it by one batch
 *                         (1 byte .. {@link #MAX_SEGMENT_SIZE_BYTES})
 * @param enforceFsync     the caller fsyncs every appended batch through {@link PartitionLog#sync()} before
 *                         acknowledging it; storage additionally fsyncs a segment when it is sealed
 * @param validateChecksum recovery verifies the checksum of every stored message in every segment, not only
 *                         of the unverified tail of the last segment
 * @param io               how files are opened and free space is accounted (a run-time service rather than
 *                         a setting, carried here so that every partition of a server shares it)
 */
public record StorageConfig(long segmentSizeBytes, boolean enforceFsync, boolean validateChecksum, StorageIo io) {

    /** Largest segment size accepted: index positions are u32 and the config caps segments at 1 GiB. */
    public static final long MAX_SEGMENT_SIZE_BYTES = 1L << 30;

    /** Settings with {@link StorageIo#DEFAULT} services. */
    public StorageConfig(long segmentSizeBytes, boolean enforceFsync, boolean validateChecksum) {
        this(segmentSizeBytes, enforceFsync, validateChecksum, StorageIo.DEFAULT);
    }

    /** Validates the segment size. */
    public StorageConfig {
        if (segmentSizeBytes <= 0 || segmentSizeBytes > MAX_SEGMENT_SIZE_BYTES) {
            throw new IllegalArgumentException("segmentSizeBytes must be in 1.." + MAX_SEGMENT_SIZE_BYTES
                + ", got " + segmentSizeBytes);
        }
        java.util.Objects.requireNonNull(io, "io");
    }
}
