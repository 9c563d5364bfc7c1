package org.iggyj.kernel.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.protocol.TransportKind;

/**
 * Registers the kernel's gauges (counts over the metadata snapshot, connections per transport) and
 * the JVM and process binders. Gauges are computed when scraped, from the published snapshot, so
 * nothing on the hot path updates them. Called once, from the startup thread.
 */
public final class KernelMeters {

    private KernelMeters() {
    }

    /**
     * @param registry where to register
     * @param metadata the current metadata snapshot
     * @param sessions the session registry
     */
    public static void bind(MeterRegistry registry, Supplier<Metadata> metadata, SessionRegistry sessions) {
        gauge(registry, MeterNames.STREAMS, "streams", metadata, md -> md.streams().size());
        gauge(registry, MeterNames.TOPICS, "topics", metadata,
                md -> md.streams().values().stream().mapToLong(s -> s.topics().size()).sum());
        gauge(registry, MeterNames.PARTITIONS, "partitions", metadata, md -> sum(md, p -> 1));
        gauge(registry, MeterNames.SEGMENTS, "segments", metadata, md -> sum(md, p -> p.stats().segments()));
        gauge(registry, MeterNames.MESSAGES, "stored messages", metadata, md -> sum(md, p -> p.stats().messages()));
        gauge(registry, MeterNames.USERS, "users", metadata, md -> md.users().size());
        for (TransportKind kind : TransportKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            Gauge.builder(MeterNames.CONNECTIONS, sessions, s -> count(s, kind))
                    .description("open client connections").tag(MeterNames.TAG_TRANSPORT, name).register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String what, Supplier<Metadata> metadata,
                              ToLongFunction<Metadata> count) {
        Gauge.builder(name, metadata, m -> count.applyAsLong(m.get())).description("total count of " + what)
                .register(registry);
    }

    private static long sum(Metadata md, ToLongFunction<Partition> value) {
        long total = 0;
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    total += value.applyAsLong(p);
                }
            }
        }
        return total;
    }

    private static double count(SessionRegistry sessions, TransportKind kind) {
        int n = 0;
        for (ClientSession s : sessions.all()) {
            if (s.transport() == kind) {
                n++;
            }
        }
        return n;
    }
}
