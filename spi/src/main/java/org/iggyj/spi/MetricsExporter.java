package org.iggyj.spi;

import org.pf4j.ExtensionPoint;

/**
 * Publishes the kernel's meters somewhere: a Prometheus registry, a push gateway, a log.
 *
 * <p>Stateless extension, discovered by PF4J like {@link Transport}. The kernel starts exporters
 * after storage and before transports: the registry each returns is added to the kernel's composite
 * registry, so every meter the kernel and transports create is published to it; a scrape source, if
 * any, is handed to transports through {@link TransportContext#scrapeSources()}.
 */
public interface MetricsExporter extends ExtensionPoint, ConfiguredExtension {

    /**
     * @return the exporter's name, also its plugin id and config section
     */
    String name();

    /**
     * @param context what the kernel hands this exporter
     * @return the running exporter
     * @throws Exception when it cannot start; startup then fails
     */
    Exporter start(MetricsContext context) throws Exception;
}
