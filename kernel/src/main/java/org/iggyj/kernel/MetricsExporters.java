package org.iggyj.kernel;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.spi.Exporter;
import org.iggyj.spi.MetricsContext;
import org.iggyj.spi.MetricsExporter;
import org.iggyj.spi.ScrapeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running metrics exporters, by name: each one's registry joins the kernel's composite, and what it
 * publishes to scrape is handed to the transports started after (the HTTP plugin serves it), so plugins
 * never call each other.
 *
 * <p>Started on the thread that starts the server, before the transports; closed under the server's lock.
 */
final class MetricsExporters {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsExporters.class);

    private final Map<String, Exporter> exporters = new LinkedHashMap<>();
    private final List<ScrapeSource> scrapeSources = new ArrayList<>();

    /**
     * Starts every enabled exporter with its plugin's class loader; a failed start throws.
     *
     * @param list     the exporters
     * @param plugins  their plugin host
     * @param enabled  whether an exporter name is enabled ({@code [name] enabled})
     * @param contexts the context handed to an exporter, by name
     * @param meters   the kernel's composite registry, which each exporter's registry joins
     */
    void start(List<MetricsExporter> list, PluginHost plugins, Predicate<String> enabled,
               Function<String, MetricsContext> contexts, CompositeMeterRegistry meters) {
        for (MetricsExporter exporter : list) {
            String name = exporter.name();
            if (!enabled.test(name)) {
                LOG.info("Metrics exporter {} is disabled by [{}] enabled = false", name, name);
                continue;
            }
            MetricsContext ctx = contexts.apply(name);
            Exporter running;
            try {
                running = plugins.withPluginLoader(exporter, () -> exporter.start(ctx));
            } catch (Exception e) {
                throw new IllegalStateException("metrics exporter " + name + " failed to start: " + e.getMessage(), e);
            }
            exporters.put(name, running);
            meters.add(running.registry());
            running.scrapeSource().ifPresent(scrapeSources::add);
            LOG.info("Metrics exporter {} started", name);
        }
    }

    /** @return what the exporters started so far publish to scrape, a copy */
    List<ScrapeSource> scrapeSources() {
        return List.copyOf(scrapeSources);
    }

    /** Closes every exporter; a failure is logged and the others still close. */
    void close() {
        for (Map.Entry<String, Exporter> e : exporters.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                LOG.warn("Metrics exporter {} did not close cleanly", e.getKey(), ex);
            }
        }
    }
}
