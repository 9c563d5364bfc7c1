package org.iggyj.kernel.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.storage.DiskSpace;

/**
 * Registers the storage health gauges: free space, the threshold, whether sends are refused for lack of
 * space, and how many partitions are read-only after a storage failure. Computed when scraped from
 * published values; called once, from the startup thread.
 */
public final class StorageMeters {

    private StorageMeters() {
    }

    /**
     * @param registry where to register
     * @param space    the data directory's free-space account
     * @param metadata the current metadata snapshot
     */
    public static void bind(MeterRegistry registry, DiskSpace space, Supplier<Metadata> metadata) {
        Gauge.builder(MeterNames.STORAGE_FREE, space, StorageMeters::freeBytes)
                .description("free bytes on the data directory's file system").baseUnit("bytes").register(registry);
        Gauge.builder(MeterNames.STORAGE_MIN_FREE, space, DiskSpace::minFreeBytes)
                .description("system.storage.min_free_space").baseUnit("bytes").register(registry);
        Gauge.builder(MeterNames.STORAGE_LOW_SPACE, space, s -> s.isLow() ? 1 : 0)
                .description("1 while sends are refused for lack of free space").register(registry);
        // Micrometer holds a gauge's state weakly; the supplier is a lambda nobody else keeps.
        Gauge.builder(MeterNames.READ_ONLY_PARTITIONS, metadata, m -> readOnly(m.get())).strongReference(true)
                .description("partitions refusing appends after a storage failure").register(registry);
    }

    private static double freeBytes(DiskSpace space) {
        long free = space.freeBytes();
        return free == Long.MAX_VALUE ? Double.NaN : free;
    }

    private static long readOnly(Metadata md) {
        long count = 0;
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    if (p.stats().readOnly()) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
