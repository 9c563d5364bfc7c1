package org.iggyj.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.iggyj.spi.ScrapeSource;

/**
 * The Prometheus text exposition (format 0.0.4) of one registry. Thread-safe: scraping only reads.
 *
 * @param registry the registry to render
 * @param path     where it is served
 */
record PrometheusScrape(PrometheusMeterRegistry registry, String path) implements ScrapeSource {

    /** The Prometheus text format's content type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }
}
