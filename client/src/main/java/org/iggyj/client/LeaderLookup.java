package org.iggyj.client;

import io.netty.buffer.Unpooled;
import java.util.Optional;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.response.ClusterMetadataReader;
import org.iggyj.protocol.response.ClusterNode;

/**
 * Asks a node which node leads its cluster (get_cluster_metadata, 12), as the Rust SDK 0.8 does after
 * login. Stateless.
 */
final class LeaderLookup {

    /** {@link ClusterNode#role()} of the leader. */
    private static final int LEADER = 0;
    /** {@link ClusterNode#status()} of a healthy node. */
    private static final int HEALTHY = 0;

    private LeaderLookup() {
    }

    /**
     * @param c         a logged-in connection
     * @param transport the transport whose port of the leader is wanted
     * @return the leader's address for that transport; empty when the server has no cluster command,
     *         reports no healthy leader or no port for the transport
     */
    static Optional<NodeAddress> leader(IggyConnection c, ClientTransport transport) {
        ClusterMetadataReader.ClusterMetadata metadata;
        try {
            byte[] reply = c.request(CommandCode.GET_CLUSTER_METADATA, out -> { });
            metadata = ClusterMetadataReader.read(Unpooled.wrappedBuffer(reply));
        } catch (IggyClientException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        for (ClusterNode node : metadata.nodes()) {
            if (node.role() == LEADER && node.status() == HEALTHY) {
                int port = switch (transport) {
                    case WEBSOCKET -> node.websocketPort();
                    case QUIC -> node.quicPort();
                    default -> node.tcpPort();
                };
                if (port > 0 && !node.ip().isBlank()) {
                    return Optional.of(new NodeAddress(node.ip(), port));
                }
            }
        }
        return Optional.empty();
    }
}
