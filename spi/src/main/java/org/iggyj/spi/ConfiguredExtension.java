package org.iggyj.spi;

import java.util.List;

/**
 * An extension that may own config sections. {@link Transport} and {@link MetricsExporter} are
 * such extensions; new extension points that need configuration extend this interface too.
 *
 * <p>The kernel asks once, from its startup thread, after the plugin has started and before the
 * extension's {@code start}, with the plugin's class loader as context loader. The sections of a
 * plugin that is absent, or not started in the deployment profile, are unknown to the kernel: it
 * logs a warning naming them and does not fail.
 */
public interface ConfiguredExtension {

    /**
     * @return the top-level sections this extension owns (usually one, named like the extension);
     *         empty (the default) when the extension reads only sections the kernel knows
     */
    default List<ConfigSchema> configSchemas() {
        return List.of();
    }
}
