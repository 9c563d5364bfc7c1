package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.iggyj.spi.cluster.EntryData;
import org.iggyj.spi.cluster.EntryDataReads;
import org.junit.jupiter.api.Test;

/**
 * Where {@link EntryDataApi#read} finds an entry's bytes once Ratis's log cache keeps headers only:
 * the pending request, then the leader's in-flight map, then the kernel (the partition).
 */
class EntryDataApiTest {

    private final RecordingEntryData kernel = new RecordingEntryData();
    private final EntryDataApi api = new EntryDataApi(kernel, new InFlightEntryData(1 << 20, 64));

    private static LogEntryProto entry(long index, String data) {
        StateMachineEntryProto.Builder body = StateMachineEntryProto.newBuilder();
        if (data != null) {
            body.setStateMachineData(ByteString.copyFromUtf8(data));
        }
        return LogEntryProto.newBuilder().setTerm(1).setIndex(index)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
                        .setLogData(ByteString.copyFromUtf8("header-" + index)).setStateMachineEntry(body))
                .build();
    }

    private static TransactionContext context(RaftPeerRole role, LogEntryProto entry) {
        return TransactionContext.newBuilder().setServerRole(role).setStateMachine(new BaseStateMachine())
                .setLogEntry(entry).build();
    }

    private String read(long index) {
        return api.read(entry(index, null), null).join().toStringUtf8();
    }

    @Test
    void shouldServeTheLeadersOwnBytesUntilEveryFollowerHasThemThenThePartition() {
        LogEntryProto logged = entry(5, "messages of 5");
        api.write(logged, context(RaftPeerRole.LEADER, logged)).join();

        assertEquals(List.of(5L), kernel.written);
        assertSame(logged.getStateMachineLogEntry().getStateMachineEntry().getStateMachineData(),
                api.read(entry(5, null), null).join(), "the logged ByteString, not a copy");
        api.onApplied(new long[] {5, 4});
        assertEquals("messages of 5", read(5), "one follower still lacks it");
        assertEquals(List.of(), kernel.read);

        api.onApplied(new long[] {6, 5});
        assertEquals("partition 5", read(5));
        assertEquals(List.of(5L), kernel.read);
        assertEquals(new EntryDataReads(0, 2, 1), api.reads(), "two hits of the in-flight map, one miss");
    }

    @Test
    void shouldPreferThePendingRequestsBytes() {
        LogEntryProto logged = entry(9, "pending 9");
        assertEquals("pending 9", api.read(entry(9, null), context(RaftPeerRole.LEADER, logged)).join().toStringUtf8());
        assertEquals(List.of(), kernel.read);
        assertEquals(new EntryDataReads(1, 0, 0), api.reads());
    }

    @Test
    void shouldKeepNothingOnAFollowerNorAfterLosingTheLead() {
        LogEntryProto received = entry(3, "from the leader");
        api.write(received, context(RaftPeerRole.FOLLOWER, received)).join();
        assertEquals("partition 3", read(3));

        LogEntryProto logged = entry(4, "own 4");
        api.write(logged, context(RaftPeerRole.LEADER, logged)).join();
        api.onApplied(null);
        assertEquals("partition 4", read(4));
    }

    @Test
    void shouldForgetTruncatedEntries() {
        LogEntryProto logged = entry(7, "dropped 7");
        api.write(logged, context(RaftPeerRole.LEADER, logged)).join();
        api.truncate(7).join();

        assertEquals(List.of(7L), kernel.truncated);
        assertEquals("partition 7", read(7));
    }

    /** The kernel's side: records calls; a read answers "partition <index>". */
    private static final class RecordingEntryData implements EntryData {
        final List<Long> written = new ArrayList<>();
        final List<Long> read = new ArrayList<>();
        final List<Long> truncated = new ArrayList<>();

        @Override
        public int headerLength(ByteBuffer entry) {
            return -1;
        }

        @Override
        public void sequence(long term, long index, ByteBuffer header) {
        }

        @Override
        public CompletableFuture<Void> write(long index, ByteBuffer header, ByteBuffer data) {
            written.add(index);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> flush(long index) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void truncate(long index) {
            truncated.add(index);
        }

        @Override
        public CompletableFuture<ByteBuffer> read(long index, ByteBuffer header) {
            read.add(index);
            byte[] bytes = ("partition " + index).getBytes(StandardCharsets.UTF_8);
            return CompletableFuture.completedFuture(ByteBuffer.wrap(bytes));
        }
    }
}
