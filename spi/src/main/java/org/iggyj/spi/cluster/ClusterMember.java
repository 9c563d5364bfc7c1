package org.iggyj.spi.cluster;

/**
 * One node as a {@link Replicator} sees it.
 *
 * @param name    the node name from {@code [cluster] node.current.name} / {@code node.others[].name}
 * @param leader  whether it is the current leader
 * @param healthy whether it answers (this node always; others by the engine's last contact)
 */
public record ClusterMember(String name, boolean leader, boolean healthy) {
}
