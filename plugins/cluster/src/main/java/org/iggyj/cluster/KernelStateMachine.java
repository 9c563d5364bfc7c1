package org.iggyj.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.LifeCycle;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine: hands every committed log entry to the kernel's
 * {@link ReplicatedStateMachine} and answers the Raft client once the kernel has applied it; takes
 * and restores snapshots of the kernel state ({@link SnapshotStore}).
 *
 * <p>Design note (docs/cluster.md, "Snapshots, restart and catch-up"): the kernel's state is always
 * "latest snapshot + the entries applied after it". At start the kernel is empty; {@link #initialize}
 * restores the latest snapshot and reports its index as the last applied one, so Ratis replays only
 * the entries after it. A follower behind the leader's purged log receives the leader's snapshot
 * files from Ratis ({@code installSnapshot} chunks); Ratis then pauses this state machine and calls
 * {@link #reinitialize}, which restores that snapshot the same way.
 *
 * <p>Ratis calls {@link #applyTransaction}, {@link #takeSnapshot} and {@link #reinitialize} on its
 * state machine updater thread, one at a time, and {@code takeSnapshot} only once every earlier
 * apply has completed.
 */
final class KernelStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(KernelStateMachine.class);

    private final ReplicatedStateMachine kernel;
    private final SnapshotStore snapshots = new SnapshotStore();
    private volatile boolean firstApplyLogged;

    KernelStateMachine(ReplicatedStateMachine kernel) {
        this.kernel = kernel;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
        super.initialize(server, groupId, storage);
        snapshots.init(storage);
        LifeCycle life = getLifeCycle();
        life.transition(LifeCycle.State.STARTING);
        restoreLatest();
        life.transition(LifeCycle.State.RUNNING);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        LOG.info("Cluster leader is now {} (seen from {})", newLeaderId, member.getPeerId());
    }

    /** On the leader, just before an entry is logged: a {@link LocalEntry} learns that it is. */
    @Override
    public TransactionContext preAppendTransaction(TransactionContext trx) {
        LocalEntry.markLogged(trx);
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        if (!firstApplyLogged) {
            firstApplyLogged = true;
            LOG.info("First log entry applied since start: index {}", entry.getIndex());
        }
        // asReadOnlyByteBuffer is a view of Ratis's bytes; the kernel copies what it keeps.
        CompletableFuture<Void> applied = kernel.apply(entry.getIndex(),
                entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return applied.thenApply(ignored -> Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex applied = getLastAppliedTermIndex();
        SnapshotStore.Latest latest = snapshots.latest();
        if (applied == null || applied.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        if (latest != null && latest.termIndex().getIndex() >= applied.getIndex()) {
            return latest.termIndex().getIndex();
        }
        long start = System.nanoTime();
        Path dir = snapshots.newSnapshotDir(applied);
        int files = kernel.snapshot(dir).size();
        snapshots.publish(dir, applied);
        LOG.info("Snapshot at index {} (term {}): {} files in {} ms", applied.getIndex(), applied.getTerm(), files,
                (System.nanoTime() - start) / 1_000_000);
        return applied.getIndex();
    }

    /** Ratis pauses the state machine (once per received chunk) before it installs a leader's snapshot. */
    @Override
    public void pause() {
        LifeCycle life = getLifeCycle();
        if (life.getCurrentState() == LifeCycle.State.RUNNING) {
            life.transition(LifeCycle.State.PAUSING);
            life.transition(LifeCycle.State.PAUSED);
        }
    }

    /** After Ratis installed a snapshot received from the leader: the kernel takes its state from it. */
    @Override
    public void reinitialize() throws IOException {
        LifeCycle life = getLifeCycle();
        life.transition(LifeCycle.State.STARTING);
        snapshots.reload();
        restoreLatest();
        SnapshotStore.Latest installed = snapshots.latest();
        LOG.info("Installed the leader's snapshot at index {}", installed == null ? -1 : installed.termIndex().getIndex());
        life.transition(LifeCycle.State.RUNNING);
    }

    private void restoreLatest() throws IOException {
        SnapshotStore.Latest latest = snapshots.latest();
        if (latest == null) {
            LOG.info("No snapshot: the kernel state is rebuilt from the whole Raft log");
            return;
        }
        long start = System.nanoTime();
        kernel.restore(latest.dir());
        setLastAppliedTermIndex(latest.termIndex());
        LOG.info("Restored snapshot at index {} (term {}) in {} ms; entries after it are replayed from the log",
                latest.termIndex().getIndex(), latest.termIndex().getTerm(), (System.nanoTime() - start) / 1_000_000);
    }
}
