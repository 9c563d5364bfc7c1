/**
 * The runtime side of a partition: its log, consumer offsets, group commit and the statistics
 * other threads may read, as {@code Partition} and the parts callers ask it for (reader, consumer
 * offsets, retention, writes ahead of publication, statistics). Everything but the published
 * statistics and the retention floor is confined to the owning shard thread.
 */
package org.iggyj.kernel.partition;
