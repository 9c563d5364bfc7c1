package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.iggyj.kernel.diagnostics.SnapshotArchive;
import org.iggyj.kernel.diagnostics.SnapshotType;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.GetSnapshot;
import org.iggyj.protocol.response.ClusterNode;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.spi.Reply;

/**
 * get_snapshot and get_cluster_metadata. Both need only a logged-in user, as in 0.8. The snapshot
 * reads files and lists processes, so it is built on the blocking executor, not the event loop.
 */
final class ServerInfoCommands {

    static final String CLUSTER_NAME = "single-node";
    static final String NODE_NAME = "iggy-node";
    private static final int ROLE_LEADER = 0;
    private static final int STATUS_HEALTHY = 0;
    private static final String UNBOUND_IP = "0.0.0.0";

    private final SnapshotArchive snapshots;
    private final Function<String, InetSocketAddress> boundAddresses;
    private final Executor blocking;
    private final ByteBufAllocator alloc;

    /**
     * @param snapshots      builds snapshot archives
     * @param boundAddresses transport name ({@code tcp}, {@code quic}, {@code http}, {@code websocket}) to its
     *                       bound address, null when the transport is not running
     * @param blocking       executor for the snapshot's file and process reads
     * @param alloc          allocator for replies
     */
    ServerInfoCommands(SnapshotArchive snapshots, Function<String, InetSocketAddress> boundAddresses,
                       Executor blocking, ByteBufAllocator alloc) {
        this.snapshots = snapshots;
        this.boundAddresses = boundAddresses;
        this.blocking = blocking;
        this.alloc = alloc;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.GET_SNAPSHOT, GetSnapshot::decode, this::snapshot);
        d.register(CommandCode.GET_CLUSTER_METADATA, p -> null, (s, r) -> clusterMetadata());
    }

    private CompletionStage<Reply> snapshot(ClientSession session, GetSnapshot request) {
        int compression = request.compression();
        if (compression != SnapshotArchive.STORED && compression != SnapshotArchive.DEFLATED) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "snapshot compression " + compression
                + " is not supported (only stored and deflated)");
        }
        Set<SnapshotType> types = EnumSet.noneOf(SnapshotType.class);
        for (int code : request.types()) {
            if (code == SnapshotType.ALL_CODE) {
                types.addAll(SnapshotType.all());
                continue;
            }
            SnapshotType type = SnapshotType.of(code);
            if (type == null) {
                throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown snapshot type " + code);
            }
            types.add(type);
        }
        return CompletableFuture.supplyAsync(
            () -> Reply.ok(Unpooled.wrappedBuffer(snapshots.build(compression, types))), blocking);
    }

    private CompletionStage<Reply> clusterMetadata() {
        InetSocketAddress tcp = boundAddresses.apply("tcp");
        String ip = tcp == null ? UNBOUND_IP : tcp.getAddress().getHostAddress();
        ClusterNode node = new ClusterNode(NODE_NAME, ip, port("tcp"), port("quic"), port("http"), port("websocket"),
            ROLE_LEADER, STATUS_HEALTHY);
        return Replies.done(Replies.write(alloc, out -> ResponseWriter.clusterMetadata(out, CLUSTER_NAME,
            List.of(node))));
    }

    private int port(String transport) {
        InetSocketAddress address = boundAddresses.apply(transport);
        return address == null ? 0 : address.getPort();
    }
}
