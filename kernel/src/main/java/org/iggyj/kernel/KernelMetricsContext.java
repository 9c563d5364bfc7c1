package org.iggyj.kernel;

import java.util.Set;
import org.iggyj.spi.IoResources;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.MetricsContext;

/**
 * What the kernel hands one metrics exporter.
 *
 * @param config         the exporter's config section
 * @param io             the kernel's event loops
 * @param transportNames the transports that start after the exporters
 */
record KernelMetricsContext(KernelConfig config, IoResources io, Set<String> transportNames)
        implements MetricsContext {

    KernelMetricsContext {
        transportNames = Set.copyOf(transportNames);
    }
}
