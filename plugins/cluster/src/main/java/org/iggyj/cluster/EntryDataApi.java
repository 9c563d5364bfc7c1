package org.iggyj.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.iggyj.spi.cluster.EntryData;
import org.iggyj.spi.cluster.EntryDataReads;

/**
 * Ratis's state-machine data API onto the kernel's {@link EntryData} ({@code replication.message_bytes =
 * "segments"}): Ratis logs an entry's header and hands its data here, in log order, before it writes
 * the header; it flushes here before it flushes its log; it truncates here when it drops an
 * uncommitted tail; and it reads here an entry it must send to a follower and holds without its data
 * (docs/cluster.md, "Message bytes and the Raft log").
 *
 * <p>Design note: with {@code caching.enabled = true} Ratis's log cache holds no entry's bytes, so every
 * send of an entry to a follower comes through {@link #read}. It answers, in this order, from the
 * leader's pending request (until the entry is applied), from the {@link InFlightEntryData} the leader
 * filled at {@link #write} (until every follower has the entry), and only then from the kernel, which
 * reads the partition. The first two hand Ratis the very {@link ByteString} it logged.
 *
 * <p>The buffers handed to the kernel are read-only views of Ratis's bytes, valid during the call.
 */
final class EntryDataApi implements StateMachine.DataApi {

    private final EntryData kernel;
    private final InFlightEntryData inFlight;
    /** Reads by where they were answered (appender threads; counted per entry and follower, not per message). */
    private final LongAdder fromPending = new LongAdder();
    private final LongAdder fromInFlight = new LongAdder();
    private final LongAdder fromPartition = new LongAdder();

    /**
     * @param kernel   the kernel's entry data
     * @param inFlight where the leader keeps the bytes of the entries it logged
     */
    EntryDataApi(EntryData kernel, InFlightEntryData inFlight) {
        this.kernel = kernel;
        this.inFlight = inFlight;
    }

    @Override
    public CompletableFuture<?> write(LogEntryProto entry, TransactionContext context) {
        StateMachineLogEntryProto body = entry.getStateMachineLogEntry();
        ByteString data = body.getStateMachineEntry().getStateMachineData();
        if (context != null && context.getServerRole() == RaftPeerRole.LEADER) {
            inFlight.keep(entry.getIndex(), data);
        }
        return kernel.write(entry.getIndex(), body.getLogData().asReadOnlyByteBuffer(), data.asReadOnlyByteBuffer());
    }

    @Override
    public CompletableFuture<Void> flush(long logIndex) {
        return kernel.flush(logIndex);
    }

    @Override
    public CompletableFuture<Void> truncate(long logIndex) {
        inFlight.truncate(logIndex);
        kernel.truncate(logIndex);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ByteString> read(LogEntryProto entry, TransactionContext context) {
        ByteString pending = pendingData(context);
        if (pending != null) {
            fromPending.increment();
            return CompletableFuture.completedFuture(pending);
        }
        ByteString kept = inFlight.get(entry.getIndex());
        if (kept != null) {
            fromInFlight.increment();
            return CompletableFuture.completedFuture(kept);
        }
        fromPartition.increment();
        return kernel.read(entry.getIndex(), entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer())
                .thenApply(UnsafeByteOperations::unsafeWrap);
    }

    /** @return where the reads so far were answered */
    EntryDataReads reads() {
        return new EntryDataReads(fromPending.sum(), fromInFlight.sum(), fromPartition.sum());
    }

    /** @return the bytes a transaction Ratis still holds carries, or null */
    private static ByteString pendingData(TransactionContext context) {
        StateMachineLogEntryProto body = context == null ? null : context.getStateMachineLogEntry();
        if (body == null || !body.hasStateMachineEntry()) {
            return null;
        }
        ByteString data = body.getStateMachineEntry().getStateMachineData();
        return data.isEmpty() ? null : data;
    }

    /**
     * After each applied entry (apply thread) and on the member view's timer (so an idle leader does not
     * keep bytes every follower has until its next write): frees what every follower has.
     *
     * @param followerMatchIndexes each follower's match index; null when this node does not lead
     */
    void onApplied(long[] followerMatchIndexes) {
        if (followerMatchIndexes == null) {
            inFlight.clear();
            return;
        }
        long lowest = Long.MAX_VALUE;
        for (long match : followerMatchIndexes) {
            lowest = Math.min(lowest, match);
        }
        inFlight.freeUpTo(lowest);
    }
}
