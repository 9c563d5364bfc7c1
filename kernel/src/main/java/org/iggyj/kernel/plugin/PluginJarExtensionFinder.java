package org.iggyj.kernel.plugin;

import java.util.Map;
import java.util.Set;
import org.pf4j.PluginManager;
import org.pf4j.ServiceProviderExtensionFinder;

/**
 * PF4J's {@code META-INF/services} extension finder, restricted to plugin jars.
 *
 * <p>PF4J's own finder also reads every services file on the application classpath and tries to
 * load each class named there as an extension: with Netty, Jackson and logback in {@code lib/}
 * that is dozens of unrelated classes, some of which fail loudly (netty-common's BlockHound
 * integration). The kernel's classpath holds no extensions, so that scan is turned off.
 */
final class PluginJarExtensionFinder extends ServiceProviderExtensionFinder {

    PluginJarExtensionFinder(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    public Map<String, Set<String>> readClasspathStorages() {
        return Map.of();
    }
}
