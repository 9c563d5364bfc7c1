package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads the ClusterMetadata reply of get_cluster_metadata (binary-protocol.md §5.12), the mirror of
 * {@link ResponseWriter#clusterMetadata}. Stateless.
 */
public final class ClusterMetadataReader {

    private ClusterMetadataReader() {
    }

    /**
     * @param name  the cluster's name
     * @param nodes its nodes
     */
    public record ClusterMetadata(String name, List<ClusterNode> nodes) {
    }

    /** @return the cluster metadata in the buffer */
    public static ClusterMetadata read(ByteBuf in) {
        String name = WireReader.str32(in);
        long count = in.readUnsignedIntLE();
        List<ClusterNode> nodes = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            nodes.add(new ClusterNode(WireReader.str32(in), WireReader.str32(in), in.readUnsignedShortLE(),
                    in.readUnsignedShortLE(), in.readUnsignedShortLE(), in.readUnsignedShortLE(),
                    in.readUnsignedByte(), in.readUnsignedByte()));
        }
        return new ClusterMetadata(name, nodes);
    }
}
