package org.iggyj.spi;

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
}
