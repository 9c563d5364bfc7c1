package org.iggyj.cluster;

import java.nio.file.Path;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.iggyj.spi.cluster.ReplicationContext;

/** What the kernel hands the cluster plugin, given directly by tests that start Ratis members in-process. */
record TestReplicationContext(KernelConfig cluster, Path storageDir, boolean enforceFsync,
        ReplicatedStateMachine stateMachine) implements ReplicationContext {
}
