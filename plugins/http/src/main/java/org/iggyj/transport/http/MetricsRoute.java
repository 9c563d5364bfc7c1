package org.iggyj.transport.http;

import org.iggyj.spi.TransportContext;

/**
 * The {@code http_requests} counter Iggy 0.8 exposes. (The scrape sources exporters publish, such as
 * {@code /metrics}, are mounted with the other contributed routes: {@link MountedRoutes}.) Thread-safe.
 */
record MetricsRoute(io.micrometer.core.instrument.Counter requests) {

    static MetricsRoute of(TransportContext context) {
        return new MetricsRoute(io.micrometer.core.instrument.Counter.builder("http.requests")
                .description("total count of http requests").register(context.meters()));
    }
}
