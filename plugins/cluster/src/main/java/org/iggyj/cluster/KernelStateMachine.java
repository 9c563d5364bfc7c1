package org.iggyj.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.iggyj.spi.cluster.EntryData;
import org.iggyj.spi.cluster.EntryDataReads;
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

    /** Prefix of the refusal of an entry the kernel cannot order yet; the submitter tries again. */
    static final String NOT_YET = "not yet: ";

    private final ReplicatedStateMachine kernel;
    private final EntryData entryData;
    /** Null unless entries are split ({@code replication.message_bytes = "segments"}). */
    private final EntryDataApi dataApi;
    private final SnapshotStore snapshots = new SnapshotStore();
    private volatile boolean firstApplyLogged;
    private volatile RaftServer.Division division;

    /**
     * @param kernel    the kernel's state machine
     * @param splitData whether entries are split as the kernel's {@link ReplicatedStateMachine#entryData()}
     *                  says ({@code replication.message_bytes = "segments"})
     * @param inFlightBytes with split entries, the most message bytes the leader keeps for followers that
     *                  do not have them yet ({@link InFlightEntryData}); 0 keeps none
     */
    KernelStateMachine(ReplicatedStateMachine kernel, boolean splitData, long inFlightBytes) {
        this.kernel = kernel;
        this.entryData = splitData ? kernel.entryData() : null;
        if (splitData && entryData == null) {
            throw new IllegalStateException("the kernel keeps no entry data of its own: replication.message_bytes "
                    + "must be \"raft_log\"");
        }
        this.dataApi = entryData == null ? null
                : new EntryDataApi(entryData, new InFlightEntryData(inFlightBytes, InFlightEntryData.MAX_ENTRIES));
    }

    @Override
    public StateMachine.DataApi data() {
        return dataApi == null ? StateMachine.DataApi.DEFAULT : dataApi;
    }

    /**
     * With entry data on: a send is split into its header (logged) and its messages (handed to
     * {@link EntryDataApi#write}); the header is a private array so {@link #preAppendTransaction} can
     * fix its offsets in place before Ratis builds the log entry.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString content = request.getMessage().getContent();
        int headerLength = entryData == null ? -1 : entryData.headerLength(content.asReadOnlyByteBuffer());
        if (headerLength < 0) {
            return super.startTransaction(request);
        }
        byte[] header = content.substring(0, headerLength).toByteArray();
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(UnsafeByteOperations.unsafeWrap(header))
                .setStateMachineData(content.substring(headerLength))
                .setStateMachineContext(header)
                .build();
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

    /**
     * On the leader, under the log's write lock, just before an entry is logged: the kernel orders it
     * (with entry data on), then a {@link LocalEntry} learns that it is logged.
     */
    @Override
    public TransactionContext preAppendTransaction(TransactionContext trx) throws IOException {
        if (entryData != null) {
            RaftServer.Division self = division();
            ByteBuffer header = trx.getStateMachineContext() instanceof byte[] own ? ByteBuffer.wrap(own)
                    : trx.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer();
            try {
                entryData.sequence(self.getInfo().getCurrentTerm(), self.getRaftLog().getNextIndex(), header);
            } catch (IllegalStateException e) {
                // The marker goes into the cause's message: a reply through a Raft client carries only
                // the cause's class and message, and the submitter tells the refusal by the marker.
                throw new StateMachineException(NOT_YET + e.getMessage(),
                        new IllegalStateException(NOT_YET + e.getMessage(), e), false);
            } catch (RuntimeException e) {
                throw new StateMachineException(e.getMessage(), e, false);
            }
        }
        LocalEntry.markLogged(trx);
        return trx;
    }

    private RaftServer.Division division() throws IOException {
        RaftServer.Division d = division;
        if (d == null) {
            d = getServer().join().getDivision(getGroupId());
            division = d;
        }
        return d;
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
        if (dataApi != null) {
            dataApi.onApplied(followerMatchIndexes());
        }
        return applied.thenApply(ignored -> Message.EMPTY);
    }

    /**
     * Frees the leader's in-flight bytes every follower has acknowledged since the last apply (on a
     * timer: without it an idle leader keeps them until its next write). A no-op without entry data.
     */
    void freeDeliveredEntryData() {
        if (dataApi != null) {
            dataApi.onApplied(followerMatchIndexes());
        }
    }

    /** @return where this node, as leader, found the entry data it sent (none without entry data) */
    EntryDataReads entryDataReads() {
        return dataApi == null ? EntryDataReads.NONE : dataApi.reads();
    }

    /** @return each follower's match index, null when this node does not lead */
    private long[] followerMatchIndexes() {
        try {
            return division().getInfo().getFollowerMatchIndices();
        } catch (IOException e) {
            return null;
        }
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
