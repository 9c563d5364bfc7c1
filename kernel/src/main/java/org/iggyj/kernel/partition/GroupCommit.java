package org.iggyj.kernel.partition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.iggyj.kernel.metrics.FsyncMeter;
import org.iggyj.kernel.shard.Shard;

/**
 * Acknowledgements of appends that wait for an fsync, for one partition.
 *
 * <p>Design note: an append under {@code enforce_fsync} parks its acknowledgement here and, if no
 * sync is pending, queues one sync task on the owner shard. Every append that reaches the owner
 * before that task runs shares its single fsync, so concurrent producers cost one fsync per queue
 * drain rather than one per batch, and an acknowledgement is only ever sent for bytes on disk.
 *
 * <p>Confined to the owner shard's thread.
 */
final class GroupCommit {

    /** The fsync this group commit waits for. */
    @FunctionalInterface
    interface Sync {
        void run() throws IOException;
    }

    private final Shard owner;
    private final Sync sync;
    private final Function<IOException, RuntimeException> onFailure;
    private final List<CompletableFuture<Void>> awaiting = new ArrayList<>();
    private boolean queued;

    /**
     * @param owner     the shard whose queue orders appends and syncs
     * @param sync      the fsync
     * @param onFailure told when the fsync fails (the partition then refuses further appends); returns
     *                  what the waiting acknowledgements fail with
     */
    GroupCommit(Shard owner, Sync sync, Function<IOException, RuntimeException> onFailure) {
        this.owner = owner;
        this.sync = sync;
        this.onFailure = onFailure;
    }

    /**
     * @param ack completed once an fsync covering everything appended so far has succeeded
     */
    void acknowledgeAfterSync(CompletableFuture<Void> ack) {
        awaiting.add(ack);
        if (!queued) {
            queued = true;
            owner.execute(this::syncAndAcknowledge);
        }
    }

    private void syncAndAcknowledge() {
        queued = false;
        RuntimeException failure = null;
        try {
            long start = System.nanoTime();
            sync.run();
            FsyncMeter.record(start);
        } catch (IOException e) {
            failure = onFailure.apply(e);
        }
        for (CompletableFuture<Void> ack : awaiting) {
            if (failure == null) {
                ack.complete(null);
            } else {
                ack.completeExceptionally(failure);
            }
        }
        awaiting.clear();
    }
}
