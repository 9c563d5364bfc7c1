package org.iggyj.kernel.config;

import java.util.List;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.spi.ConfigSchema;

/**
 * The config sections the plugins on the kernel's test class path declare (tcp, http, metrics, kafka): what
 * a server started by the tests knows beyond the kernel's own sections.
 */
public final class ClasspathPluginSections {

    private ClasspathPluginSections() {
    }

    /** @return the declared sections */
    public static List<ConfigSchema> schemas() {
        return PluginHost.fromClasspath().configSchemas();
    }

    /**
     * @param config a configuration loaded before plugins
     * @return it with the class path plugins' sections
     */
    public static ServerConfig bind(ServerConfig config) {
        return config.withPluginSections(schemas());
    }
}
