package org.iggyj.kernel.plugin;

import java.nio.file.Path;
import org.iggyj.kernel.config.DeploymentProfile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DevelopmentPluginLoader;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;

/**
 * PF4J's default plugin manager (jar, directory and zip plugins, see {@link PluginArchiveRepository};
 * manifest or {@code plugin.properties} descriptors) with extensions found through the services files in plugin jars only, see
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
    protected PluginRepository createPluginRepository() {
        // Development mode keeps PF4J's repository: plugins straight from plugins/<name>/target/classes.
        return isDevelopment() ? super.createPluginRepository() : new PluginArchiveRepository(getPluginsRoot());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new DevelopmentPluginLoader(this), this::isDevelopment)
                .add(new JarPluginLoader(this), this::isNotDevelopment)
                .add(new PluginDirectoryLoader(this), this::isNotDevelopment);
    }

    /** Stops and unloads every plugin, then deletes the extracted plugin archives. */
    void stopAndUnload() {
        stopPlugins();
        unloadPlugins();
        if (pluginRepository instanceof PluginArchiveRepository archives) {
            archives.close();
        }
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        PluginJarExtensionFinder finder = new PluginJarExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }
}
