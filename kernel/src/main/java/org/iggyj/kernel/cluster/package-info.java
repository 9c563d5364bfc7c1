/**
 * The kernel half of clustering: write commands become replicated entries ({@link
 * org.iggyj.kernel.cluster.ReplicatedEntry}) submitted to a {@link org.iggyj.spi.cluster.Replicator}
 * plugin, and committed entries are applied on every node by {@link
 * org.iggyj.kernel.cluster.CommandApplier}. See {@code docs/cluster.md}.
 */
package org.iggyj.kernel.cluster;
