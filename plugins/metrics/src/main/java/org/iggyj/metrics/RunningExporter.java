package org.iggyj.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.spi.Exporter;
import org.iggyj.spi.ScrapeSource;

/**
 * A started {@link PrometheusExporter}: its registry, its scrape source and, without an HTTP
 * transport, its own listener. {@link #close()} is idempotent.
 */
final class RunningExporter implements Exporter {

    private final PrometheusMeterRegistry registry;
    private final PrometheusScrape scrape;
    private final ScrapeServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param server the own listener, or null when the HTTP transport serves the scrape source
     */
    RunningExporter(PrometheusMeterRegistry registry, PrometheusScrape scrape, ScrapeServer server) {
        this.registry = registry;
        this.scrape = scrape;
        this.server = server;
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public Optional<ScrapeSource> scrapeSource() {
        return Optional.of(scrape);
    }

    /** @return the own listener, if the exporter runs one */
    Optional<ScrapeServer> server() {
        return Optional.ofNullable(server);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (server != null) {
                server.close();
            }
            registry.close();
        }
    }
}
