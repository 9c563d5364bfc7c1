package org.iggyj.cluster;

import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.iggyj.spi.cluster.EntryData;

/**
 * Ratis's state-machine data API onto the kernel's {@link EntryData} ({@code replication.message_bytes =
 * "segments"}): Ratis logs an entry's header and hands its data here, in log order, before it writes
 * the header; it flushes here before it flushes its log; it truncates here when it drops an
 * uncommitted tail; and it reads here an entry it must send to a follower and no longer holds with
 * its data (docs/cluster.md, "Message bytes and the Raft log").
 *
 * <p>The buffers handed to the kernel are read-only views of Ratis's bytes, valid during the call.
 */
final class EntryDataApi implements StateMachine.DataApi {

    private final EntryData kernel;

    EntryDataApi(EntryData kernel) {
        this.kernel = kernel;
    }

    @Override
    public CompletableFuture<?> write(LogEntryProto entry, TransactionContext context) {
        StateMachineLogEntryProto body = entry.getStateMachineLogEntry();
        return kernel.write(entry.getIndex(), body.getLogData().asReadOnlyByteBuffer(),
                body.getStateMachineEntry().getStateMachineData().asReadOnlyByteBuffer());
    }

    @Override
    public CompletableFuture<Void> flush(long logIndex) {
        return kernel.flush(logIndex);
    }

    @Override
    public CompletableFuture<Void> truncate(long logIndex) {
        kernel.truncate(logIndex);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ByteString> read(LogEntryProto entry, TransactionContext context) {
        return kernel.read(entry.getIndex(), entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer())
                .thenApply(UnsafeByteOperations::unsafeWrap);
    }
}
