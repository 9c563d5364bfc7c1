/**
 * The replication extension point: a plugin that replicates the kernel's writes through a consensus
 * log. See {@link org.iggyj.spi.cluster.ReplicationProvider} and {@code docs/cluster.md}.
 */
package org.iggyj.spi.cluster;
