package org.iggyj.kernel.plugin;

import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;

/**
 * PF4J's default plugin manager (jar and directory plugins, manifest or {@code plugin.properties}
 * descriptors) with extensions found through the services files in plugin jars only, see
 * {@link PluginJarExtensionFinder}. A plugin whose dependencies do not resolve is skipped rather
 * than failing every other plugin.
 */
final class ServiceProviderPluginManager extends DefaultPluginManager {

    ServiceProviderPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        PluginJarExtensionFinder finder = new PluginJarExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }
}
