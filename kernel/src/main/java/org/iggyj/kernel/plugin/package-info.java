/**
 * The PF4J plugin host: finds plugin jars in the plugins directory, starts them and looks their
 * extensions up once, through standard {@code META-INF/services} files inside each plugin jar.
 *
 * <p>Owns the PF4J plugin manager and the extension instances it returned. Used from the kernel's
 * startup and shutdown thread only; calls into plugin code go through
 * {@link org.iggyj.kernel.plugin.PluginHost#withPluginLoader} so the plugin's class loader is the
 * thread context class loader for their duration.
 */
package org.iggyj.kernel.plugin;
