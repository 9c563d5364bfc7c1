package org.iggyj.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis's metric registries, doing nothing. Ratis requires an implementation (found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services}); its own default needs
 * ratis-metrics-default and Dropwizard, a version of which is not available for Ratis 3.2.1.
 * Cluster metrics for {@code /metrics} come from the kernel's side instead (docs/cluster.md).
 *
 * <p>Thread-safe.
 */
public final class NoopMetricRegistries extends MetricRegistries {

    private static final Timekeeper.Context STOPPED = () -> 0L;
    private static final Timekeeper TIMER = () -> STOPPED;

    private final Map<MetricRegistryInfo, RatisMetricRegistry> registries = new ConcurrentHashMap<>();

    @Override
    public void clear() {
        registries.clear();
    }

    @Override
    public RatisMetricRegistry create(MetricRegistryInfo info) {
        return registries.computeIfAbsent(info, Registry::new);
    }

    @Override
    public boolean remove(MetricRegistryInfo info) {
        return registries.remove(info) != null;
    }

    @Override
    public Optional<RatisMetricRegistry> get(MetricRegistryInfo info) {
        return Optional.ofNullable(registries.get(info));
    }

    @Override
    public Set<MetricRegistryInfo> getMetricRegistryInfos() {
        return Set.copyOf(registries.keySet());
    }

    @Override
    public Collection<RatisMetricRegistry> getMetricRegistries() {
        return List.copyOf(registries.values());
    }

    @Override
    public void addReporterRegistration(Consumer<RatisMetricRegistry> onAdd, Consumer<RatisMetricRegistry> onRemove) {
        // no reporters
    }

    @Override
    public void enableJmxReporter() {
        // no reporters
    }

    @Override
    public void enableConsoleReporter(TimeDuration period) {
        // no reporters
    }

    /** Counters count (Ratis reads some back); timers and gauges are dropped. */
    private record Registry(MetricRegistryInfo info) implements RatisMetricRegistry {

        @Override
        public Timekeeper timer(String name) {
            return TIMER;
        }

        @Override
        public LongCounter counter(String name) {
            AtomicLong count = new AtomicLong();
            return new LongCounter() {
                @Override
                public void inc(long n) {
                    count.addAndGet(n);
                }

                @Override
                public void dec(long n) {
                    count.addAndGet(-n);
                }

                @Override
                public long getCount() {
                    return count.get();
                }
            };
        }

        @Override
        public boolean remove(String name) {
            return true;
        }

        @Override
        public <T> void gauge(String name, Supplier<Supplier<T>> supplier) {
            // dropped
        }

        @Override
        public MetricRegistryInfo getMetricRegistryInfo() {
            return info;
        }
    }
}
