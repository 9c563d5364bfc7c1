package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.GetClient;
import org.iggyj.protocol.request.GetSnapshot;
import org.iggyj.protocol.response.ClientReader;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.response.StatsReader;
import org.iggyj.protocol.wire.WireReader;

/**
 * {@code /stats}, {@code /clients}, {@code /cluster/metadata} and {@code /snapshot}. Stateless.
 */
final class SystemRoutes {

    private SystemRoutes() {
    }

    static Response stats(Call call) {
        Stats s = call.dispatch(CommandCode.GET_STATS, b -> { }, StatsReader::stats);
        ObjectNode n = JsonViews.object();
        n.put("process_id", s.processId());
        n.put("cpu_usage", s.cpuUsage());
        n.put("total_cpu_usage", s.totalCpuUsage());
        n.put("memory_usage", SizeText.of(s.memoryUsage()));
        n.put("total_memory", SizeText.of(s.totalMemory()));
        n.put("available_memory", SizeText.of(s.availableMemory()));
        n.put("run_time", s.runTimeUs());
        n.put("start_time", s.startTimeUs());
        n.put("read_bytes", SizeText.of(s.readBytes()));
        n.put("written_bytes", SizeText.of(s.writtenBytes()));
        n.put("messages_size_bytes", SizeText.of(s.messagesSizeBytes()));
        n.put("streams_count", s.streamsCount());
        n.put("topics_count", s.topicsCount());
        n.put("partitions_count", s.partitionsCount());
        n.put("segments_count", s.segmentsCount());
        n.put("messages_count", s.messagesCount());
        n.put("clients_count", s.clientsCount());
        n.put("consumer_groups_count", s.consumerGroupsCount());
        n.put("hostname", s.hostname());
        n.put("os_name", s.osName());
        n.put("os_version", s.osVersion());
        n.put("kernel_version", s.kernelVersion());
        n.put("iggy_server_version", s.serverVersion());
        if (s.serverSemver() == 0) {
            n.putNull("iggy_server_semver");
        } else {
            n.put("iggy_server_semver", s.serverSemver());
        }
        n.putObject("cache_metrics");
        n.put("threads_count", s.threadsCount());
        n.put("free_disk_space", SizeText.of(s.freeDiskSpace()));
        n.put("total_disk_space", SizeText.of(s.totalDiskSpace()));
        return Response.ok(n);
    }

    static Response clients(Call call) {
        var clients = call.dispatch(CommandCode.GET_CLIENTS, b -> { }, ClientReader::clients);
        return Response.ok(JsonViews.list(clients.stream()
                .sorted((a, b) -> Long.compare(a.clientId(), b.clientId())).toList(), JsonViews::client));
    }

    static Response client(Call call) {
        GetClient request = new GetClient(call.u32(0));
        try {
            return Response.ok(JsonViews.clientDetails(
                    call.dispatch(CommandCode.GET_CLIENT, request::encode, ClientReader::details)));
        } catch (IggyException e) {
            if (e.errorCode() == ErrorCode.forCode(100)) {
                return ErrorBody.notFound();
            }
            throw e;
        }
    }

    private static final List<String> COMPRESSIONS = List.of("Stored", "Deflated", "Bzip2", "Zstd", "Lzma", "Xz");
    private static final Map<String, Integer> SNAPSHOT_TYPES = Map.of("FilesystemOverview", 1, "ProcessList", 2,
            "ResourceUsage", 3, "Test", 4, "ServerLogs", 5, "ServerConfig", 6, "All", 100);
    private static final String[] ROLES = {"leader", "follower"};
    private static final String[] STATUSES = {"healthy", "starting", "stopping", "unreachable", "maintenance",
        "unknown"};
    private static final DateTimeFormatter SNAPSHOT_NAME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);

    /** POST /snapshot: the binary command's ZIP, as an attachment; enum names are PascalCase (http-api §6.8). */
    static Response snapshot(Call call) {
        JsonNode body = call.json();
        String compressionName = body.path("compression").asText("Deflated");
        int compression = COMPRESSIONS.indexOf(compressionName) + 1;
        if (compression == 0) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown snapshot compression " + compressionName);
        }
        JsonNode typesNode = body.path("snapshot_types");
        int[] types = new int[typesNode.size()];
        for (int i = 0; i < types.length; i++) {
            Integer code = SNAPSHOT_TYPES.get(typesNode.get(i).asText());
            if (code == null) {
                throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown snapshot type " + typesNode.get(i));
            }
            types[i] = code;
        }
        GetSnapshot request = new GetSnapshot(compression, types);
        byte[] zip = call.dispatch(CommandCode.GET_SNAPSHOT, request::encode, ByteBufUtil::getBytes);
        return Response.attachment(zip, "application/zip",
                "iggy_snapshot_" + SNAPSHOT_NAME.format(Instant.now()) + ".zip");
    }

    /** GET /cluster/metadata: the binary ClusterMetadata record (binary-protocol §5.12) as JSON. */
    static Response clusterMetadata(Call call) {
        return Response.ok(call.dispatch(CommandCode.GET_CLUSTER_METADATA, b -> { }, SystemRoutes::clusterJson));
    }

    private static ObjectNode clusterJson(ByteBuf in) {
        ObjectNode n = JsonViews.object();
        n.put("name", WireReader.str32(in));
        ArrayNode nodes = n.putArray("nodes");
        long count = WireReader.u32(in);
        for (long i = 0; i < count; i++) {
            ObjectNode node = nodes.addObject();
            node.put("name", WireReader.str32(in));
            node.put("ip", WireReader.str32(in));
            ObjectNode endpoints = node.putObject("endpoints");
            endpoints.put("tcp", WireReader.u16(in));
            endpoints.put("quic", WireReader.u16(in));
            endpoints.put("http", WireReader.u16(in));
            endpoints.put("websocket", WireReader.u16(in));
            node.put("role", ROLES[Math.min(WireReader.u8(in), ROLES.length - 1)]);
            node.put("status", STATUSES[Math.min(WireReader.u8(in), STATUSES.length - 1)]);
        }
        return n;
    }
}
