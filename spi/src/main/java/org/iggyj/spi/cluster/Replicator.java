package org.iggyj.spi.cluster;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A running replication engine on one node, returned by {@link ReplicationProvider#start}.
 *
 * <p>Thread-safe: {@link #submit} is called from transport event loops and must not block.
 */
public interface Replicator extends AutoCloseable {

    /**
     * Appends an entry to the replicated log, forwarding it to the leader when this node is not the
     * leader.
     *
     * @param entry the entry; ownership passes to the replicator, which releases it. An unpooled heap
     *              buffer that covers its whole array may be kept by the replicator after the release
     *              (no copy): the caller must not touch that array after the call
     * @return completes once the entry is committed by a majority (the kernel then waits for this
     *         node's own {@link ReplicatedStateMachine#apply} of it before answering its client);
     *         completes exceptionally when the entry could not be committed (no leader within the
     *         request timeout, this node shutting down). A timeout is ambiguous: the entry may still
     *         commit later, as with any replicated system.
     */
    CompletableFuture<Void> submit(ByteBuf entry);

    /**
     * @return every configured node (this one included) with its current role and health, as this
     *         node sees them; any thread
     */
    List<ClusterMember> members();

    /**
     * @return this node's role, term, commit and applied index and, on the leader, each follower's
     *         lag, as of now (a cheap read: {@code /metrics} calls it on every scrape); any thread
     */
    default ReplicationStatus status() {
        return ReplicationStatus.UNKNOWN;
    }

    /**
     * @return whether entries are split as {@link ReplicatedStateMachine#entryData()} says, their data
     *         kept out of the log; fixed for the replicator's life (the kernel then encodes sends for it)
     */
    default boolean keepsEntryDataOutOfLog() {
        return false;
    }

    /**
     * @return the index of the first entry still in this node's log (those before it survive only in a
     *         snapshot), -1 when unknown; any thread. With entry data kept out of the log, the kernel
     *         keeps the data of every entry from there on for {@link EntryData#read}.
     */
    default long firstLogIndex() {
        return -1;
    }

    /** Leaves the cluster (this node's member stops); idempotent. */
    @Override
    void close();
}
