package org.iggyj.cluster;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest. It holds no state: the Raft member's lifecycle
 * is the {@link RatisReplicationProvider} extension's, started and closed by the kernel.
 */
public final class ClusterPlugin extends Plugin {
}
