package org.iggyj.spi;

import java.util.Set;

/**
 * What the kernel hands a metrics exporter.
 */
public interface MetricsContext {

    /**
     * @return the exporter's own config section (for the metrics plugin, {@code [metrics]})
     */
    KernelConfig config();

    /**
     * @return event loops and channel classes, for an exporter that serves its own endpoint
     */
    IoResources io();

    /**
     * @return the names of the transports the kernel starts after its exporters (enabled ones only),
     *         so an exporter can serve its own endpoint when no HTTP transport will serve its scrape
     *         source
     */
    default Set<String> transportNames() {
        return Set.of();
    }
}
