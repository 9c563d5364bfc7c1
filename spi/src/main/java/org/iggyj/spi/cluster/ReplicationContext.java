package org.iggyj.spi.cluster;

import java.nio.file.Path;
import org.iggyj.spi.KernelConfig;

/**
 * What the kernel hands a {@link ReplicationProvider} at start.
 */
public interface ReplicationContext {

    /**
     * @return the {@code [cluster]} section: {@code name}, {@code node.current}, {@code node.others.N},
     *         {@code replication.*} (see {@code configs/server.toml})
     */
    KernelConfig cluster();

    /**
     * @return a directory the engine owns for its log and state (under {@code system.path}); it
     *         exists. The kernel never deletes it.
     */
    Path storageDir();

    /**
     * @return whether the operator asked for fsync before acknowledging ({@code system.partition.enforce_fsync});
     *         an engine should then make its log durable before counting an entry as accepted
     */
    boolean enforceFsync();

    /**
     * @return the kernel's state machine, to which committed entries are applied
     */
    ReplicatedStateMachine stateMachine();

    /**
     * @return the most message bytes the kernel puts into one Raft entry of coalesced sends when the
     *         engine keeps message bytes out of its log ({@code replication.max_coalesced_bytes}), up to
     *         1,024 sends of 80-byte headers on top; an engine that limits an entry's size must accept
     *         such an entry. 0: sends are not coalesced
     */
    default long maxCoalescedBytes() {
        return 0;
    }
}
