package org.iggyj.kernel.partition;

import org.iggyj.kernel.storage.StorageConfig;

/**
 * What every partition of a server is built with: the same for all of them, so the metadata writer keeps
 * one and hands it to each new {@link Partition}.
 *
 * @param storage       storage settings
 * @param clock         the clock stamping appends
 * @param deduplication message-id deduplication settings
 */
public record PartitionSettings(StorageConfig storage, MicrosClock clock, DeduplicationConfig deduplication) {
}
