package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.GetClient;
import org.iggyj.protocol.response.ClientReader;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.response.StatsReader;

/**
 * {@code /stats} and {@code /clients}. Stateless.
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
}
