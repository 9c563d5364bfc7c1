package org.iggyj.kernel;

import org.iggyj.spi.IoResources;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.MetricsContext;

/**
 * What the kernel hands one metrics exporter.
 */
record KernelMetricsContext(KernelConfig config, IoResources io) implements MetricsContext {
}
