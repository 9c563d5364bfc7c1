/**
 * Partition storage: the append-only message log of one partition (segments of {@code .log} +
 * {@code .index} files named by base offset), its crash recovery, and the partition's server-side
 * consumer and consumer-group offsets.
 *
 * <p>Threading: a partition's {@link org.iggyj.kernel.storage.PartitionLog} and
 * {@link org.iggyj.kernel.storage.ConsumerOffsets} are owned by the one shard thread that owns the
 * partition; nothing here takes a lock and no class is thread-safe, except the statistics accessors
 * of {@code PartitionLog}, which other threads may read. Calls may block on file I/O
 * ({@code sync()} forces to disk), so the owner decides when to call them.
 *
 * <p>The bytes of a stored message are exactly its bytes in a poll response (layout in
 * {@link org.iggyj.kernel.storage.MessageFrame}), so a read is a file range, never a re-encode.
 */
package org.iggyj.kernel.storage;
