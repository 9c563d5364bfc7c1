/**
 * Shard threads. A shard is one thread that owns a set of partitions: every read and write of a
 * partition's log, index and consumer offsets runs on its owner, so partition state needs no
 * locks. Other threads reach a partition only by submitting a task to its owner. Shard 0 also
 * runs every metadata mutation (the single metadata writer).
 */
package org.iggyj.kernel.shard;
