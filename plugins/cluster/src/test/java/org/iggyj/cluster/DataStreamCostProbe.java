package org.iggyj.cluster;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.impl.ClientProtoUtils;
import org.apache.ratis.client.impl.DataStreamClientImpl.DataStreamOutputImpl;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.datastream.SupportedDataStreamType;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.io.StandardWriteOption;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.DataStreamReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.RoutingTable;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.ReferenceCountedObject;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Prices, at the Ratis level and without the kernel, the two ways a 1 MiB send can reach three nodes
 * (docs/cluster.md, "Seventh round"): {@code raft} — the bytes as state-machine data of the Raft entry,
 * sent to each follower by gRPC {@code appendEntries} (what {@code segments} mode does today); {@code stream}
 * — the bytes streamed by Ratis's Netty DataStream from the leader to every node (star), then a header-only
 * {@code DATASTREAM} entry submitted in-process on the leader, whose {@code link} on each node writes the
 * streamed bytes. Three servers in one JVM on loopback, each writing the bytes to a file of its own and
 * fsyncing at {@code flush}; one send in flight; process CPU and context switches per entry, rounds
 * alternated. Every node's file is checked against the bytes sent at the end.
 *
 * <p>Run: {@code java -cp <test classpath> org.iggyj.cluster.DataStreamCostProbe <dir> [entries] [rounds] [bytes]}
 * ({@code -Dprobe.inline=true}: streamed bytes are copied on Netty's thread, not on Ratis's write pool;
 * {@code -Dprobe.inflight=N}: N senders at once, one send in flight each). A
 * measuring tool, not a test: {@code DataStreamPathTest} drives the same servers with assertions.
 */
public final class DataStreamCostProbe {

    private static final int NODES = 3;
    private static final int HEADER_BYTES = 16;
    /** Sends in flight at once, one sender thread each ({@code -Dprobe.inflight}, default 1). */
    private static final int INFLIGHT = Integer.getInteger("probe.inflight", 1);

    private final RaftServer[] servers = new RaftServer[NODES];
    private final ProbeStateMachine[] machines = new ProbeStateMachine[NODES];
    private final RaftPeer[] peers = new RaftPeer[NODES];
    private final RaftGroup group;
    private final int payloadBytes;
    private final AtomicLong callIds = new AtomicLong();
    private final ClientId localClient = ClientId.randomId();
    private final CRC32C sentCrc = new CRC32C();
    private long sentBytes;

    DataStreamCostProbe(Path dir, int payloadBytes) throws IOException {
        this.payloadBytes = payloadBytes;
        int[] grpc = new int[NODES];
        int[] stream = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            grpc[i] = freePort();
            stream[i] = freePort();
            peers[i] = RaftPeer.newBuilder().setId("n" + i).setAddress("127.0.0.1:" + grpc[i])
                    .setDataStreamAddress("127.0.0.1:" + stream[i]).build();
        }
        group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), peers);
        for (int i = 0; i < NODES; i++) {
            Path nodeDir = Files.createDirectories(dir.resolve("n" + i));
            machines[i] = new ProbeStateMachine(nodeDir.resolve("bytes"), payloadBytes);
            RaftProperties props = properties(nodeDir, grpc[i], stream[i]);
            servers[i] = RaftServer.newBuilder().setServerId(peers[i].getId()).setGroup(group)
                    .setStateMachine(machines[i]).setProperties(props).setParameters(new Parameters())
                    .setOption(RaftStorage.StartupOption.FORMAT).build();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int bytes = args.length > 3 ? Integer.parseInt(args[3]) : 1 << 20;
        DataStreamCostProbe probe = new DataStreamCostProbe(dir, bytes);
        try {
            probe.run(entries, rounds);
        } finally {
            probe.close();
        }
        System.exit(0);
    }

    /** Starts the three servers and waits for a leader ready to take writes; returns it. */
    RaftServer.Division start() throws Exception {
        for (RaftServer server : servers) {
            server.start();
        }
        return awaitLeader();
    }

    /** A client whose DataStream primary is the leader, which submits the entry itself (no send-forward). */
    RaftClient streamClient(RaftServer.Division leader) {
        RaftProperties clientProps = new RaftProperties();
        RaftConfigKeys.DataStream.setType(clientProps, SupportedDataStreamType.NETTY);
        clientProps.setBoolean(RaftConfigKeys.DataStream.SKIP_SEND_FORWARD_KEY, true);
        return RaftClient.newBuilder().setProperties(clientProps).setParameters(new Parameters())
                .setRaftGroup(group).setLeaderId(leader.getId())
                .setPrimaryDataStreamServer(group.getPeer(leader.getId())).build();
    }

    private void run(int entries, int rounds) throws Exception {
        RaftServer.Division leader = start();
        try (RaftClient client = streamClient(leader)) {
            RoutingTable star = starFrom(leader.getId());
            System.out.printf("leader %s, %d bytes per entry, %d entries per round, %d in flight%n",
                    leader.getId(), payloadBytes, entries, INFLIGHT);
            measure("warm raft", entries, payload -> sendRaft(leader, payload));
            measure("warm stream", entries, payload -> sendStream(leader, client, star, payload));
            for (int r = 0; r < rounds; r++) {
                measure("raft", entries, payload -> sendRaft(leader, payload));
                measure("stream", entries, payload -> sendStream(leader, client, star, payload));
            }
        }
        checkEveryNode(leader);
        System.out.println(INFLIGHT == 1 ? "every node holds every byte sent, in order"
                : "every node holds every byte sent, all nodes alike");
    }

    /**
     * Throws unless every node wrote every byte sent and linked no entry without its stream: in send order
     * with one send in flight, else in the same (log) order on every node.
     */
    void checkEveryNode(RaftServer.Division leader) throws Exception {
        awaitApplied(leader.getInfo().getLastAppliedIndex());
        long expectedCrc = INFLIGHT == 1 ? sentCrc.getValue() : machines[0].crc();
        for (ProbeStateMachine machine : machines) {
            machine.check(sentBytes, expectedCrc);
        }
    }

    /** The log indexes node {@code i} was asked to link without a stream (it was not sent the bytes). */
    Set<Long> linkedWithoutStream(int node) {
        return machines[node].linkedWithoutStream.keySet();
    }

    int nodeOf(RaftPeerId id) {
        for (int i = 0; i < NODES; i++) {
            if (peers[i].getId().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(String.valueOf(id));
    }

    /** Stops node {@code i}'s server (its Raft and DataStream ports close). */
    void stop(int node) throws IOException {
        servers[node].close();
    }

    RaftPeerId peerId(int node) {
        return peers[node].getId();
    }

    private void measure(String label, int entries, Send send) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long switches0 = contextSwitches();
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int t = 0; t < INFLIGHT; t++) {
            ByteBuffer payload = ByteBuffer.allocateDirect(payloadBytes);
            int share = entries / INFLIGHT;
            senders.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < share; i++) {
                        send.send(payload);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, "probe-sender").start()));
        }
        CompletableFuture.allOf(senders.toArray(new CompletableFuture[0])).join();
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long switches = contextSwitches() - switches0;
        double mib = (double) entries * payloadBytes / (1 << 20);
        System.out.printf("%-12s cpu %.2f ms/entry  %.1f cpu s/GiB  %.0f ctx switches/entry  %.1f MiB/s  load %s%n",
                label, cpu / 1e6 / entries, cpu / 1e9 / (mib / 1024), (double) switches / entries,
                mib / (wall / 1e9), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private synchronized void fill(ByteBuffer payload) {
        long seq = callIds.get();
        payload.clear();
        while (payload.remaining() >= Long.BYTES) {
            payload.putLong(seq++);
        }
        payload.flip();
        sentCrc.update(payload.duplicate());
        sentBytes += payload.remaining();
    }

    /** Today's path: the bytes are the entry's state-machine data, copied into a heap array the entry owns. */
    void sendRaft(RaftServer.Division leader, ByteBuffer payload) throws Exception {
        fill(payload);
        byte[] entry = new byte[HEADER_BYTES + payloadBytes];
        ByteBuffer.wrap(entry).putLong(1L);
        payload.get(entry, HEADER_BYTES, payloadBytes);
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClient)
                .setServerId(leader.getId()).setGroupId(group.getGroupId()).setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
                .setType(RaftClientRequest.writeRequestType()).build();
        expectSuccess(leader.getRaftServer().submitClientRequestAsync(request).get(60, TimeUnit.SECONDS));
    }

    /** The DataStream path: stream the bytes to every node, then log a header-only entry on the leader. */
    long sendStream(RaftServer.Division leader, RaftClient client, RoutingTable star, ByteBuffer payload)
            throws Exception {
        fill(payload);
        callIds.incrementAndGet();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putLong(2L).putLong(0L);
        header.flip();
        DataStreamOutputImpl out = (DataStreamOutputImpl) client.getDataStreamApi().stream(header, star);
        DataStreamReply closed = out.writeAsync(payload, StandardWriteOption.CLOSE).get(60, TimeUnit.SECONDS);
        if (!closed.isSuccess()) {
            throw new IllegalStateException("stream failed: " + closed);
        }
        RaftClientRequest forward = RaftClientRequest.newBuilder().setClientId(localClient)
                .setServerId(leader.getId()).setGroupId(group.getGroupId()).setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ClientProtoUtils.toRaftClientRequestProto(out.getHeader()).toByteString()))
                .setType(RaftClientRequest.forwardRequestType()).build();
        RaftClientReply reply = leader.getRaftServer().submitClientRequestAsync(forward).get(60, TimeUnit.SECONDS);
        expectSuccess(reply);
        return reply.getLogIndex();
    }

    private static void expectSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new IllegalStateException("not committed: " + reply, reply.getException());
        }
    }

    RoutingTable starFrom(RaftPeerId primary) {
        RoutingTable.Builder builder = RoutingTable.newBuilder();
        for (RaftPeer peer : peers) {
            if (!peer.getId().equals(primary)) {
                builder.addSuccessor(primary, peer.getId());
            }
        }
        return builder.build();
    }

    private RaftServer.Division awaitLeader() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (RaftServer server : servers) {
                RaftServer.Division division = server.getDivision(group.getGroupId());
                if (division.getInfo().isLeader() && division.getInfo().isLeaderReady()) {
                    return division;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no leader");
    }

    private void awaitApplied(long index) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (RaftServer server : servers) {
            while (server.getDivision(group.getGroupId()).getInfo().getLastAppliedIndex() < index
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    void close() throws IOException {
        for (RaftServer server : servers) {
            server.close();
        }
    }

    private static RaftProperties properties(Path dir, int grpcPort, int streamPort) {
        RaftProperties props = new RaftProperties();
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setPort(props, grpcPort);
        RaftConfigKeys.DataStream.setType(props, SupportedDataStreamType.NETTY);
        NettyConfigKeys.DataStream.setPort(props, streamPort);
        RaftServerConfigKeys.setStorageDir(props, List.of(dir.resolve("raft").toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(4, TimeUnit.SECONDS));
        RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(props, 2);
        return props;
    }

    private static long contextSwitches() throws IOException {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return total;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface Send {
        void send(ByteBuffer payload) throws Exception;
    }

    /**
     * One node's state machine: writes each entry's bytes to its file in log order (a copy into a direct
     * buffer first, as the shard's stamping copy) and fsyncs at {@code flush}, whether they arrive as
     * state-machine data ({@code write}) or through a stream ({@code link}).
     */
    private static final class ProbeStateMachine extends BaseStateMachine implements StateMachine.DataApi {

        private final FileChannel file;
        private final ByteBuffer scratch;
        private final CRC32C crc = new CRC32C();
        private final Map<Long, Boolean> linkedWithoutStream = new ConcurrentHashMap<>();
        private final Queue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
        private long written;

        ProbeStateMachine(Path path, int payloadBytes) throws IOException {
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            scratch = ByteBuffer.allocateDirect(payloadBytes);
        }

        @Override
        public StateMachine.DataApi data() {
            return this;
        }

        @Override
        public TransactionContext startTransaction(RaftClientRequest request) {
            ByteString content = request.getMessage().getContent();
            TransactionContext.Builder builder = TransactionContext.newBuilder().setStateMachine(this)
                    .setClientRequest(request).setLogData(content.substring(0, HEADER_BYTES));
            if (content.size() > HEADER_BYTES) {
                builder.setStateMachineData(content.substring(HEADER_BYTES));
            }
            return builder.build();
        }

        @Override
        public CompletableFuture<?> write(LogEntryProto entry, TransactionContext context) {
            ByteString data = entry.getStateMachineLogEntry().getStateMachineEntry().getStateMachineData();
            synchronized (this) {
                scratch.clear();
                data.copyTo(scratch);
                scratch.flip();
                append(scratch);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<DataStream> stream(RaftClientRequest request) {
            ByteBuffer buffer = free.poll();
            return CompletableFuture.completedFuture(
                    new ProbeStream(buffer != null ? buffer : ByteBuffer.allocateDirect(scratch.capacity())));
        }

        @Override
        public CompletableFuture<?> link(DataStream stream, LogEntryProto entry) {
            if (stream == null) {
                linkedWithoutStream.put(entry.getIndex(), true);
                return CompletableFuture.failedFuture(new IllegalStateException("no stream for " + entry.getIndex()));
            }
            ByteBuffer bytes = ((ProbeStream) stream).bytes;
            bytes.flip();
            synchronized (this) {
                append(bytes);
            }
            bytes.clear();
            free.offer(bytes);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> flush(long logIndex) {
            try {
                file.force(false);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
            updateLastAppliedTermIndex(trx.getLogEntry().getTerm(), trx.getLogEntry().getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }

        @Override
        public void close() throws IOException {
            super.close();
            file.close();
        }

        private void append(ByteBuffer bytes) {
            crc.update(bytes.duplicate());
            try {
                while (bytes.hasRemaining()) {
                    written += file.write(bytes);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized long crc() {
            return crc.getValue();
        }

        synchronized void check(long expectedBytes, long expectedCrc) {
            if (written != expectedBytes || crc.getValue() != expectedCrc || !linkedWithoutStream.isEmpty()) {
                throw new IllegalStateException("node holds " + written + " bytes (crc " + crc.getValue()
                        + "), expected " + expectedBytes + " (crc " + expectedCrc + "), links without stream "
                        + linkedWithoutStream.keySet());
            }
        }
    }

    /** The bytes of one streamed send, copied off Netty's buffer as they arrive. */
    private static final class ProbeStream implements StateMachine.DataStream, StateMachine.DataChannel {

        final ByteBuffer bytes;

        ProbeStream(ByteBuffer bytes) {
            this.bytes = bytes;
        }

        @Override
        public StateMachine.DataChannel getDataChannel() {
            return this;
        }

        @Override
        public Executor getExecutor() {
            // -Dprobe.inline=true: copy off Netty's buffer on the thread that has it, without the write pool's hop
            return Boolean.getBoolean("probe.inline") ? Runnable::run : null;
        }

        @Override
        public CompletableFuture<?> cleanUp() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int write(ReferenceCountedObject<ByteBuffer> buffer) {
            ByteBuffer src = buffer.get();
            int n = src.remaining();
            bytes.put(src);
            return n;
        }

        @Override
        public void force(boolean metadata) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
