package org.iggyj.spi.cluster;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The kernel side of replication: applies committed entries.
 *
 * <p>Threading: {@link #apply} is called by one engine thread at a time, in log order, exactly once
 * per committed entry for the life of the process (the kernel starts from an empty state when
 * clustering is on, so after a restart the engine replays its log from the beginning). It may
 * block while a metadata change completes (so the next entry sees it); message appends are queued
 * on their partition's shard and the returned future completes when they are stored.
 */
public interface ReplicatedStateMachine {

    /**
     * @param index the entry's log index (increasing)
     * @param entry the entry as {@link Replicator#submit} received it on the submitting node; read
     *              during the call only (the kernel copies what it keeps), never modified
     * @return completes when the entry is applied on this node; never completes exceptionally (a
     *         command that fails, e.g. a name already taken, fails identically on every node and is
     *         reported to its client by the submitting node)
     */
    CompletableFuture<Void> apply(long index, ByteBuffer entry);
}
