package org.iggyj.kernel.command;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.protocol.response.Stats;

/**
 * Builds the get_stats answer from the JVM's view of the process and host and from the metadata
 * snapshot. Values the JVM cannot see are 0, as Iggy reports unavailable values.
 */
final class StatsCollector {

    static final String SERVER_VERSION = "0.8.0";
    static final long SERVER_SEMVER = 8000;

    private final Path dataDir;
    private final MicrosClock clock;
    private final long startTimeUs;

    StatsCollector(Path dataDir, MicrosClock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.startTimeUs = clock.nowUs();
    }

    Stats collect(Metadata md, int clientsCount) {
        long topics = 0;
        long partitions = 0;
        long segments = 0;
        long messages = 0;
        long bytes = 0;
        for (StreamMeta s : md.streams().values()) {
            topics += s.topics().size();
            for (TopicMeta t : s.topics().values()) {
                partitions += t.partitions().size();
                for (Partition p : t.partitions()) {
                    segments += p.stats().segments();
                    messages += p.stats().messages();
                    bytes += p.stats().sizeBytes();
                }
            }
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runtime rt = Runtime.getRuntime();
        long[] disk = disk();
        return new Stats(ProcessHandle.current().pid(), percent(os.getProcessCpuLoad()), percent(os.getCpuLoad()),
                rt.totalMemory() - rt.freeMemory(), os.getTotalMemorySize(), os.getFreeMemorySize(),
                clock.nowUs() - startTimeUs, startTimeUs, 0, 0, bytes, md.streams().size(), topics, partitions,
                segments, messages, clientsCount, GroupRecords.count(md), hostname(), System.getProperty("os.name", "unknown_os_name"),
                System.getProperty("os.version", "unknown_os_version"),
                System.getProperty("os.version", "unknown_kernel_version"), SERVER_VERSION, SERVER_SEMVER, List.of(),
                Thread.activeCount(), disk[0], disk[1]);
    }

    private static float percent(double load) {
        return load < 0 ? 0f : (float) (load * 100.0);
    }

    private long[] disk() {
        try {
            FileStore store = Files.getFileStore(dataDir);
            return new long[] {store.getUsableSpace(), store.getTotalSpace()};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown_hostname";
        }
    }
}
