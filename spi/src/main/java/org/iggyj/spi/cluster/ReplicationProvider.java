package org.iggyj.spi.cluster;

import org.pf4j.ExtensionPoint;

/**
 * A replication engine: a plugin that makes every node of a cluster apply the same writes in the
 * same order.
 *
 * <p>Contract: when a provider is present and {@code [cluster] enabled = true}, the kernel starts
 * exactly one (the first found) after its storage is open and before its transports, with the
 * kernel's {@link ReplicatedStateMachine} in the context. From then on every write command a client
 * sends to this node (metadata mutations, send_messages, consumer-offset stores) is encoded by the
 * kernel into one opaque entry and handed to {@link Replicator#submit}; the provider's log delivers
 * every committed entry, on every node, to {@link ReplicatedStateMachine#apply} in log order, and
 * that is the only way the write takes effect. The kernel fixes every nondeterministic input (time,
 * generated ids, salts, token secrets) into the entry before submitting it, so applying the same
 * entries in the same order gives the same state and the same offsets on every node.
 *
 * <p>Without a provider, or with {@code enabled = false} (the default), the kernel applies writes
 * locally and never calls a provider.
 *
 * <p>Stateless extension, discovered by PF4J; {@link #start} is called once, with the plugin's class
 * loader as the thread context class loader.
 */
public interface ReplicationProvider extends ExtensionPoint {

    /**
     * @return the engine's name for logs, e.g. {@code ratis}
     */
    String name();

    /**
     * Starts this node's member of the cluster and returns once it is running (a leader need not be
     * elected yet). Committed entries may be applied (including a replay of the local log) from any
     * point after this call begins.
     *
     * @param context what the kernel gives the engine
     * @return the running replicator, closed by the kernel at shutdown
     * @throws Exception when the engine cannot start; the server then refuses to start
     */
    Replicator start(ReplicationContext context) throws Exception;
}
