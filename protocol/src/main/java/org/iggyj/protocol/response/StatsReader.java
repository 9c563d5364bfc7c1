package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads the get_stats record (binary-protocol.md §5.11), the mirror of {@link ResponseWriter#stats}.
 * Stateless.
 */
public final class StatsReader {

    private static final int CACHE_METRIC_LENGTH = 32;

    private StatsReader() {
    }

    /** @return the stats record */
    public static Stats stats(ByteBuf in) {
        long processId = in.readUnsignedIntLE();
        float cpu = in.readFloatLE();
        float totalCpu = in.readFloatLE();
        long memory = in.readLongLE();
        long totalMemory = in.readLongLE();
        long availableMemory = in.readLongLE();
        long runTime = in.readLongLE();
        long startTime = in.readLongLE();
        long readBytes = in.readLongLE();
        long writtenBytes = in.readLongLE();
        long messagesSize = in.readLongLE();
        long streams = in.readUnsignedIntLE();
        long topics = in.readUnsignedIntLE();
        long partitions = in.readUnsignedIntLE();
        long segments = in.readUnsignedIntLE();
        long messages = in.readLongLE();
        long clients = in.readUnsignedIntLE();
        long groups = in.readUnsignedIntLE();
        String hostname = WireReader.str32(in);
        String osName = WireReader.str32(in);
        String osVersion = WireReader.str32(in);
        String kernelVersion = WireReader.str32(in);
        String serverVersion = WireReader.str32(in);
        long semver = in.readUnsignedIntLE();
        int metricsCount = in.readIntLE();
        WireReader.require(in, (long) metricsCount * CACHE_METRIC_LENGTH, "cache metrics");
        List<Stats.CacheMetric> metrics = new ArrayList<>(metricsCount);
        for (int i = 0; i < metricsCount; i++) {
            metrics.add(new Stats.CacheMetric(in.readUnsignedIntLE(), in.readUnsignedIntLE(),
                    in.readUnsignedIntLE(), in.readLongLE(), in.readLongLE(), in.readFloatLE()));
        }
        long threads = in.readUnsignedIntLE();
        long freeDisk = in.readLongLE();
        long totalDisk = in.readLongLE();
        return new Stats(processId, cpu, totalCpu, memory, totalMemory, availableMemory, runTime, startTime,
                readBytes, writtenBytes, messagesSize, streams, topics, partitions, segments, messages, clients,
                groups, hostname, osName, osVersion, kernelVersion, serverVersion, semver, metrics, threads,
                freeDisk, totalDisk);
    }
}
