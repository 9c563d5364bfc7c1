package org.iggyj.kernel.plugin;

import java.nio.file.Path;
import org.iggyj.kernel.config.DeploymentProfile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;

/**
 * PF4J's default plugin manager (jar and directory plugins, manifest or {@code plugin.properties}
 * descriptors) with extensions found through the services files in plugin jars only, see
 * {@link PluginJarExtensionFinder}. A plugin whose dependencies do not resolve is skipped rather
 * than failing every other plugin. Which plugins are enabled is decided by the deployment profile
 * ({@link ProfilePluginStatusProvider}), not by PF4J's {@code enabled.txt}/{@code disabled.txt}.
 */
final class ServiceProviderPluginManager extends DefaultPluginManager {

    ServiceProviderPluginManager(Path pluginsDir) {
        this(pluginsDir, DeploymentProfile.FULL);
    }

    ServiceProviderPluginManager(Path pluginsDir, DeploymentProfile profile) {
        super(pluginsDir);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
        // PF4J creates its status provider from the super constructor, before this class's fields
        // exist, so the profile-aware one is swapped in here, before any plugin is looked at.
        this.pluginStatusProvider = new ProfilePluginStatusProvider(profile);
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        PluginJarExtensionFinder finder = new PluginJarExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }
}
