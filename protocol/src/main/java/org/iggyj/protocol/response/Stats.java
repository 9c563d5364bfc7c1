package org.iggyj.protocol.response;

import java.util.List;

/**
 * The get_stats (10) record, in wire order (binary-protocol.md §5.11). Counts written as u32 take the
 * low 32 bits; {@code long} memory and disk values are bytes, times are microseconds.
 *
 * @param processId           server process id
 * @param cpuUsage            this process's CPU, percent
 * @param totalCpuUsage       whole machine CPU, percent
 * @param memoryUsage         process memory
 * @param totalMemory         machine memory
 * @param availableMemory     free machine memory
 * @param runTimeUs           uptime
 * @param startTimeUs         start instant, microseconds since the epoch
 * @param readBytes           bytes read from disk
 * @param writtenBytes        bytes written to disk
 * @param messagesSizeBytes   bytes of stored messages
 * @param streamsCount        streams
 * @param topicsCount         topics
 * @param partitionsCount     partitions
 * @param segmentsCount       segments
 * @param messagesCount       stored messages
 * @param clientsCount        connected clients
 * @param consumerGroupsCount consumer groups
 * @param hostname            host name
 * @param osName              OS name
 * @param osVersion           OS version
 * @param kernelVersion       OS kernel version
 * @param serverVersion       e.g. {@code 0.8.0}
 * @param serverSemver        major*1,000,000 + minor*1,000 + patch; 0 = unknown
 * @param cacheMetrics        per-partition cache metrics, may be empty
 * @param threadsCount        server threads
 * @param freeDiskSpace       free bytes on the data volume
 * @param totalDiskSpace      size of the data volume
 */
public record Stats(long processId, float cpuUsage, float totalCpuUsage, long memoryUsage, long totalMemory,
                    long availableMemory, long runTimeUs, long startTimeUs, long readBytes, long writtenBytes,
                    long messagesSizeBytes, long streamsCount, long topicsCount, long partitionsCount,
                    long segmentsCount, long messagesCount, long clientsCount, long consumerGroupsCount,
                    String hostname, String osName, String osVersion, String kernelVersion, String serverVersion,
                    long serverSemver, List<CacheMetric> cacheMetrics, long threadsCount, long freeDiskSpace,
                    long totalDiskSpace) {

    /** Copies the metrics list. */
    public Stats {
        cacheMetrics = List.copyOf(cacheMetrics);
    }

    /**
     * One 32-byte cache metrics entry.
     *
     * @param streamId    stream
     * @param topicId     topic
     * @param partitionId partition
     * @param hits        cache hits
     * @param misses      cache misses
     * @param hitRatio    hits / (hits + misses)
     */
    public record CacheMetric(long streamId, long topicId, long partitionId, long hits, long misses,
                              float hitRatio) {
    }
}
