package org.iggyj.kernel.plugin;

import java.nio.file.Path;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Loads a plugin directory ({@code lib/*.jar}, {@code classes/}; an extracted plugin zip) with a
 * {@link NativeBindingPluginClassLoader}. Used from the kernel's startup thread.
 */
final class PluginDirectoryLoader extends DefaultPluginLoader {

    PluginDirectoryLoader(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor pluginDescriptor) {
        return new NativeBindingPluginClassLoader(pluginManager, pluginDescriptor, getClass().getClassLoader());
    }
}
