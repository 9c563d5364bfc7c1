package org.iggyj.cli;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.response.ClusterMetadataReader;
import org.iggyj.protocol.response.ClusterNode;
import picocli.CommandLine.Command;

/** {@code iggy cluster metadata}: the nodes of the cluster and their roles, as 0.8's CLI shows them. */
@Command(name = "cluster", description = "Show the cluster.", mixinStandardHelpOptions = true)
final class ClusterCommand extends CliCommand {

    private static final String[] ROLES = {"leader", "follower"};
    private static final String[] STATUSES = {"healthy", "starting", "stopping", "unreachable", "maintenance",
        "unknown"};

    @Command(name = "metadata", description = "List the cluster's nodes: addresses, ports, role and status.")
    int metadata() {
        ClusterMetadataReader.ClusterMetadata cluster = ClusterMetadataReader.read(Unpooled.wrappedBuffer(
                connection().request(CommandCode.GET_CLUSTER_METADATA, buf -> { })));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ClusterNode node : cluster.nodes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cluster", cluster.name());
            row.put("name", node.name());
            row.put("ip", node.ip());
            row.put("tcp", node.tcpPort());
            row.put("quic", node.quicPort());
            row.put("http", node.httpPort());
            row.put("websocket", node.websocketPort());
            row.put("role", label(ROLES, node.role()));
            row.put("status", label(STATUSES, node.status()));
            rows.add(row);
        }
        output().rows(rows, "cluster", "name", "ip", "tcp", "quic", "http", "websocket", "role", "status");
        return 0;
    }

    private static String label(String[] names, int code) {
        return code >= 0 && code < names.length ? names[code] : String.valueOf(code);
    }
}
