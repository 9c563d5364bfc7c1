package org.iggyj.cluster;

import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine: hands every committed log entry to the kernel's
 * {@link ReplicatedStateMachine} and answers the Raft client once the kernel has applied it.
 *
 * <p>No snapshots yet: the kernel rebuilds its state from the whole log at every start (its data
 * directory is cleared first), so the last applied index starts at none and Ratis replays from the
 * first entry. Ratis calls {@link #applyTransaction} on its state machine updater thread, in order.
 */
final class KernelStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(KernelStateMachine.class);

    private final ReplicatedStateMachine kernel;

    KernelStateMachine(ReplicatedStateMachine kernel) {
        this.kernel = kernel;
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        LOG.info("Cluster leader is now {} (seen from {})", newLeaderId, member.getPeerId());
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        // asReadOnlyByteBuffer is a view of Ratis's bytes; the kernel copies what it keeps.
        CompletableFuture<Void> applied = kernel.apply(entry.getIndex(),
                entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return applied.thenApply(ignored -> Message.EMPTY);
    }
}
