package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the "segments" design in docs/cluster.md ("Message bytes and the Raft log") relies on in Ratis
 * 3.2.1's state-machine data API, checked on a real one-node Raft group (gRPC on a loopback port, its
 * log in a temp directory): the bulk bytes reach {@code DataApi.write} once per entry, in log order,
 * and never the Raft log's files; {@code flush} covers an entry before it is applied; after a restart
 * the replayed entries reach {@code applyTransaction} with their header only, so the state machine
 * must hold the bytes itself.
 */
class StateMachineDataContractTest {

    private static final int ENTRIES = 40;
    private static final int DATA_BYTES = 32 * 1024;
    private static final int HEADER_BYTES = 8;
    private static final byte[] MARKER = "iggyj-bulk-bytes-marker".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path storage;

    @Test
    void shouldHandTheBulkBytesToTheStateMachineOnlyAndReplayHeadersWithoutThem() throws Exception {
        int port = freePort();
        RaftPeer peer = RaftPeer.newBuilder().setId(RaftPeerId.valueOf("n1")).setAddress("127.0.0.1:" + port).build();
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.nameUUIDFromBytes("sm-data".getBytes())), peer);
        RaftProperties props = properties(port);

        SplittingStateMachine first = new SplittingStateMachine();
        List<byte[]> sent = new ArrayList<>();
        try (RaftServer server = server(peer, group, props, first, RaftStorage.StartupOption.FORMAT);
             RaftClient client = client(group, props)) {
            server.start();
            for (int i = 0; i < ENTRIES; i++) {
                byte[] data = new byte[DATA_BYTES];
                for (int at = 0; at + MARKER.length <= data.length; at += MARKER.length) {
                    System.arraycopy(MARKER, 0, data, at, MARKER.length);
                }
                ByteBuffer.wrap(data).putInt(i);
                sent.add(data);
                byte[] request = ByteBuffer.allocate(HEADER_BYTES + DATA_BYTES).putLong(i).put(data).array();
                RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(request)));
                assertTrue(reply.isSuccess(), "entry " + i);
            }
        }

        List<Long> written = first.writeOrder;
        assertEquals(ENTRIES, written.size(), "one write per entry");
        for (int i = 1; i < written.size(); i++) {
            assertTrue(written.get(i) > written.get(i - 1), "written in log order");
        }
        for (int i = 0; i < ENTRIES; i++) {
            long index = written.get(i);
            assertArrayEquals(sent.get(i), first.data.get(index), "data of entry " + i);
            assertEquals(i, first.headers.get(index), "header of entry " + i);
            assertTrue(first.flushedBeforeApply.get(index) >= index, "flushed before it was applied: entry " + i);
        }
        assertFalse(logFilesContainMarker(), "the Raft log holds no bulk byte");

        SplittingStateMachine replayed = new SplittingStateMachine();
        try (RaftServer server = server(peer, group, props, replayed, RaftStorage.StartupOption.RECOVER)) {
            server.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (replayed.headers.size() < ENTRIES && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertEquals(ENTRIES, replayed.headers.size(), "every entry replayed");
        assertEquals(ENTRIES, replayed.appliedWithoutData.get(), "replayed entries carry no data");
        assertTrue(replayed.writeOrder.isEmpty(), "nothing written again at replay");
        for (int i = 0; i < ENTRIES; i++) {
            assertEquals(i, replayed.headers.get(written.get(i)), "replayed header of entry " + i);
        }
    }

    private boolean logFilesContainMarker() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(file);
                for (int at = 0; at + MARKER.length <= bytes.length; at++) {
                    if (Arrays.equals(bytes, at, at + MARKER.length, MARKER, 0, MARKER.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private RaftProperties properties(int port) {
        RaftProperties props = new RaftProperties();
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setPort(props, port);
        RaftServerConfigKeys.setStorageDir(props, List.of(storage.toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
        return props;
    }

    private static RaftServer server(RaftPeer peer, RaftGroup group, RaftProperties props, StateMachine sm,
                                     RaftStorage.StartupOption option) throws IOException {
        return RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group).setStateMachine(sm)
                .setProperties(props).setParameters(new Parameters()).setOption(option).build();
    }

    private static RaftClient client(RaftGroup group, RaftProperties props) {
        return RaftClient.newBuilder().setProperties(props).setParameters(new Parameters()).setRaftGroup(group)
                .setClientId(ClientId.randomId()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Splits each request into an 8-byte header (the log data) and the rest (the state-machine data),
     * as the design splits a send into its header and its message bytes; records what Ratis hands it.
     */
    private static final class SplittingStateMachine extends BaseStateMachine implements StateMachine.DataApi {

        final List<Long> writeOrder = new CopyOnWriteArrayList<>();
        final Map<Long, byte[]> data = new ConcurrentHashMap<>();
        final Map<Long, Long> headers = new ConcurrentHashMap<>();
        final Map<Long, Long> flushedBeforeApply = new ConcurrentHashMap<>();
        final AtomicLong appliedWithoutData = new AtomicLong();
        private final AtomicLong flushed = new AtomicLong(-1);

        @Override
        public StateMachine.DataApi data() {
            return this;
        }

        @Override
        public TransactionContext startTransaction(RaftClientRequest request) {
            ByteString content = request.getMessage().getContent();
            return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request)
                    .setLogData(content.substring(0, HEADER_BYTES))
                    .setStateMachineData(content.substring(HEADER_BYTES))
                    .build();
        }

        @Override
        public CompletableFuture<?> write(LogEntryProto entry, TransactionContext context) {
            writeOrder.add(entry.getIndex());
            data.put(entry.getIndex(),
                    entry.getStateMachineLogEntry().getStateMachineEntry().getStateMachineData().toByteArray());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<ByteString> read(LogEntryProto entry, TransactionContext context) {
            return CompletableFuture.completedFuture(ByteString.copyFrom(data.get(entry.getIndex())));
        }

        @Override
        public CompletableFuture<Void> flush(long logIndex) {
            flushed.accumulateAndGet(logIndex, Math::max);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
            LogEntryProto entry = trx.getLogEntry();
            headers.put(entry.getIndex(), entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer().getLong());
            flushedBeforeApply.put(entry.getIndex(), flushed.get());
            if (entry.getStateMachineLogEntry().getStateMachineEntry().getStateMachineData().isEmpty()) {
                appliedWithoutData.incrementAndGet();
            }
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
    }
}
