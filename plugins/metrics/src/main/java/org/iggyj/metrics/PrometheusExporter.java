package org.iggyj.metrics;

import java.util.List;
import org.iggyj.spi.ConfigSchema;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.iggyj.spi.Exporter;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.MetricsContext;
import org.iggyj.spi.MetricsExporter;
import org.pf4j.Extension;

/**
 * The {@code metrics} exporter: a Prometheus registry the kernel adds to its composite registry, and
 * its text exposition as a scrape source at {@code [metrics] endpoint} (default {@value #DEFAULT_PATH}).
 * When the kernel starts no {@code http} transport, the exporter serves that path itself on
 * {@code [metrics] address} (default {@value #DEFAULT_ADDRESS}).
 */
@Extension
public final class PrometheusExporter implements MetricsExporter {

    /** The exporter name, plugin id and config section. */
    public static final String NAME = "metrics";
    /** Where the HTTP transport or the own listener serves the text. */
    public static final String DEFAULT_PATH = "/metrics";
    /** The own listener's address when no HTTP transport runs. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:9090";
    private static final String HTTP_TRANSPORT = "http";

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(MetricsConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Exporter start(MetricsContext context) {
        KernelConfig config = context.config();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusScrape scrape = new PrometheusScrape(registry, config.get(MetricsConfig.ENDPOINT));
        ScrapeServer server = null;
        if (!context.transportNames().contains(HTTP_TRANSPORT)) {
            try {
                server = ScrapeServer.start(parse(config.get(MetricsConfig.ADDRESS)), scrape);
            } catch (IOException e) {
                registry.close();
                throw new UncheckedIOException("[metrics] cannot listen: " + e.getMessage(), e);
            }
        }
        return new RunningExporter(registry, scrape, server);
    }

    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("[metrics] address must be host:port, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
    }
}
