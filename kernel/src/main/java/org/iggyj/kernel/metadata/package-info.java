/**
 * Streams, topics, partitions, consumer groups and users: the immutable snapshot every thread reads and the
 * single writer that replaces it. Mutations run only on the metadata writer (shard 0); readers
 * take {@link org.iggyj.kernel.metadata.MetadataWriter#current()} and never see a half-applied
 * change. The snapshot is persisted atomically before it is published; consumer-group
 * memberships are part of it but are published without being persisted (with clustering they are
 * replicated and travel in the cluster's snapshots instead).
 */
package org.iggyj.kernel.metadata;
