package org.iggyj.metrics;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest. It holds no state: the exporter's lifecycle is
 * the {@link PrometheusExporter} extension's, started and closed by the kernel.
 */
public final class MetricsPlugin extends Plugin {
}
