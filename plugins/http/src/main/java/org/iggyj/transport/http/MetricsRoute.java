package org.iggyj.transport.http;

import java.util.Map;
import java.util.TreeMap;
import org.iggyj.spi.ScrapeSource;
import org.iggyj.spi.TransportContext;

/**
 * The scrape sources exporters published, by path ({@code /metrics} for the metrics plugin), and the
 * {@code http_requests} counter Iggy 0.8 exposes. Immutable map; thread-safe.
 */
record MetricsRoute(Map<String, ScrapeSource> byPath, io.micrometer.core.instrument.Counter requests) {

    static MetricsRoute of(TransportContext context) {
        Map<String, ScrapeSource> byPath = new TreeMap<>();
        for (ScrapeSource source : context.scrapeSources()) {
            byPath.put(source.path(), source);
        }
        return new MetricsRoute(Map.copyOf(byPath), io.micrometer.core.instrument.Counter.builder("http.requests")
                .description("total count of http requests").register(context.meters()));
    }
}
