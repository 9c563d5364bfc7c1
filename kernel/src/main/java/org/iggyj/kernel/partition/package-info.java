/**
 * The runtime side of a partition: its log, consumer offsets, group commit and the statistics
 * other threads may read. Everything but the published statistics is confined to the owning
 * shard thread.
 */
package org.iggyj.kernel.partition;
