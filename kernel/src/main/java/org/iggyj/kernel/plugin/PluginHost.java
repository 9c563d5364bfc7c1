package org.iggyj.kernel.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.kernel.config.DeploymentProfile;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.ConfiguredExtension;
import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.HttpRouteProvider;
import org.iggyj.spi.cluster.ReplicationProvider;
import org.iggyj.spi.MetricsExporter;
import org.iggyj.spi.Transport;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins and holds the extensions the kernel uses.
 *
 * <p>Extensions are looked up once, when the host opens, and kept: PF4J builds new instances on
 * every lookup. A plugin that fails to load or start is logged with its id and skipped; two
 * transports with one name fail the open, as the name is also the config section and the log tag.
 * With no plugins directory, or none holding a transport, {@link #transports()} is empty and the
 * kernel runs without a network listener.
 *
 * <p>Not thread-safe: used from the kernel's startup and shutdown thread.
 */
public final class PluginHost implements AutoCloseable {

    /** The system property the start script sets to the distribution's {@code plugins/} directory. */
    public static final String PLUGINS_DIR_PROPERTY = "pf4j.pluginsDir";
    /** The plugins directory when the property is not set, relative to the working directory. */
    public static final String DEFAULT_PLUGINS_DIR = "plugins";

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final PluginManager pluginManager;
    private final List<Transport> transports;
    private final List<EncryptionProvider> encryptionProviders;
    private List<MetricsExporter> exporters = List.of();
    private List<HttpRouteProvider> routeProviders = List.of();
    private List<ReplicationProvider> replicationProviders = List.of();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PluginHost(PluginManager pluginManager, List<Transport> transports) {
        this(pluginManager, transports, List.of());
    }

    private PluginHost(PluginManager pluginManager, List<Transport> transports,
                       List<EncryptionProvider> encryptionProviders) {
        this.pluginManager = pluginManager;
        this.transports = List.copyOf(transports);
        this.encryptionProviders = List.copyOf(encryptionProviders);
    }

    /**
     * @return the plugins directory named by {@value #PLUGINS_DIR_PROPERTY}, else {@value #DEFAULT_PLUGINS_DIR}
     */
    public static Path defaultPluginsDir() {
        return Path.of(System.getProperty(PLUGINS_DIR_PROPERTY, DEFAULT_PLUGINS_DIR));
    }

    /**
     * Loads and starts the plugins in {@code pluginsDir} and looks up their transports.
     *
     * @param pluginsDir the directory holding plugin jars; it may not exist
     * @return the open host
     * @throws IllegalStateException when two transports share a name
     */
    public static PluginHost open(Path pluginsDir) {
        return open(pluginsDir, DeploymentProfile.FULL);
    }

    /**
     * Loads and starts the plugins in {@code pluginsDir} that {@code profile} includes; the others
     * are logged and left stopped.
     *
     * @param pluginsDir the directory holding plugin jars; it may not exist
     * @param profile    the active deployment profile
     * @return the open host
     * @throws MissingPluginException when a plugin the profile requires is absent or did not start
     * @throws IllegalStateException  when two transports share a name
     */
    public static PluginHost open(Path pluginsDir, DeploymentProfile profile) {
        if (!Files.isDirectory(pluginsDir)) {
            LOG.info("no plugins directory at {}, running without plugins", pluginsDir.toAbsolutePath());
            RequiredPlugins.check(profile, List.of(), pluginsDir.toAbsolutePath().toString());
            return new PluginHost(null, List.of());
        }
        PluginManager manager = new ServiceProviderPluginManager(pluginsDir, profile);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            logSkipped(manager);
            RequiredPlugins.check(profile, startedIds(manager), pluginsDir.toAbsolutePath().toString());
            List<Transport> transports = manager.getExtensions(Transport.class);
            PluginHost host = new PluginHost(manager, transports, manager.getExtensions(EncryptionProvider.class));
            host.exporters = List.copyOf(manager.getExtensions(MetricsExporter.class));
            host.routeProviders = List.copyOf(manager.getExtensions(HttpRouteProvider.class));
            host.replicationProviders = List.copyOf(manager.getExtensions(ReplicationProvider.class));
            host.checkUniqueNames();
            LOG.info("plugins started from {}: {}", pluginsDir.toAbsolutePath(), startedIds(manager));
            return host;
        } catch (RuntimeException e) {
            stop(manager);
            throw e;
        }
    }

    /**
     * Finds transports with {@link ServiceLoader} on the class path of this class, for in-process
     * runs where plugins are ordinary dependencies (tests, IDE).
     *
     * @return the open host
     * @throws IllegalStateException when two transports share a name
     */
    public static PluginHost fromClasspath() {
        return fromClasspath(PluginHost.class.getClassLoader());
    }

    /**
     * @param loader where to look for {@code META-INF/services/org.iggyj.spi.Transport}
     * @return the open host
     * @throws IllegalStateException when two transports share a name
     */
    public static PluginHost fromClasspath(ClassLoader loader) {
        return fromClasspath(loader, DeploymentProfile.FULL);
    }

    /**
     * As {@link #fromClasspath(ClassLoader)}, keeping only the transports whose name {@code profile}
     * includes (on the class path a transport's name stands for its plugin id).
     *
     * @param loader  where to look for {@code META-INF/services/org.iggyj.spi.Transport}
     * @param profile the active deployment profile
     * @return the open host
     * @throws MissingPluginException when a transport the profile requires is not on the class path
     * @throws IllegalStateException  when two transports share a name
     */
    public static PluginHost fromClasspath(ClassLoader loader, DeploymentProfile profile) {
        List<Transport> found = fromClasspathUnfiltered(loader);
        List<Transport> kept = new ArrayList<>();
        for (Transport transport : found) {
            if (profile.includes(transport.name())) {
                kept.add(transport);
            } else {
                LOG.info("transport '{}' is not part of deployment profile '{}' and is not started",
                        transport.name(), profile.id());
            }
        }
        RequiredPlugins.check(profile, kept.stream().map(Transport::name).toList(), "the class path");
        PluginHost host = new PluginHost(null, kept, classpathEncryptionProviders(loader));
        host.exporters = loadAll(MetricsExporter.class, loader).stream()
                .filter(exporter -> profile.includes(exporter.name()))
                .toList();
        host.routeProviders = loadAll(HttpRouteProvider.class, loader).stream()
                .filter(provider -> profile.includes(provider.name()))
                .toList();
        host.replicationProviders = loadAll(ReplicationProvider.class, loader);
        host.checkUniqueNames();
        return host;
    }

    private static List<Transport> fromClasspathUnfiltered(ClassLoader loader) {
        return loadAll(Transport.class, loader);
    }

    /**
     * @param loader where to look for {@code META-INF/services/org.iggyj.spi.EncryptionProvider}
     * @return the providers found there
     */
    public static List<EncryptionProvider> classpathEncryptionProviders(ClassLoader loader) {
        return loadAll(EncryptionProvider.class, loader);
    }

    /**
     * @return the encryption providers found, in discovery order
     */
    public List<EncryptionProvider> encryptionProviders() {
        return encryptionProviders;
    }

    private static <T> List<T> loadAll(Class<T> type, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        Iterator<T> providers = ServiceLoader.load(type, loader).iterator();
        while (providers.hasNext()) {
            try {
                found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                LOG.error("skipping a {} that cannot be instantiated", type.getSimpleName(), e);
            }
        }
        return List.copyOf(found);
    }

    /**
     * @return the metrics exporters found, in discovery order; the same instances on every call
     */
    public List<MetricsExporter> exporters() {
        return exporters;
    }

    /**
     * @return the config sections the exporters, HTTP route providers and transports declare, asked with each one's plugin
     *         class loader (see {@link ConfiguredExtension})
     * @throws IllegalStateException when an extension fails to declare its sections
     */
    public List<ConfigSchema> configSchemas() {
        List<ConfiguredExtension> extensions = new ArrayList<>(exporters);
        extensions.addAll(routeProviders);
        extensions.addAll(transports);
        return configSchemasOf(extensions, this);
    }

    /**
     * @param extensions extensions in start order
     * @param host       runs each call with the extension's class loader; null for the class path
     * @return what they declare, in order
     */
    public static List<ConfigSchema> configSchemasOf(List<? extends ConfiguredExtension> extensions, PluginHost host) {
        List<ConfigSchema> schemas = new ArrayList<>();
        for (ConfiguredExtension extension : extensions) {
            try {
                schemas.addAll(host == null ? extension.configSchemas()
                        : host.withPluginLoader(extension, extension::configSchemas));
            } catch (Exception e) {
                throw new IllegalStateException(extension.getClass().getName() + " failed to declare its config"
                        + " sections: " + e.getMessage(), e);
            }
        }
        return List.copyOf(schemas);
    }

    /**
     * @return the HTTP route providers found, in discovery order; the same instances on every call
     */
    public List<HttpRouteProvider> httpRouteProviders() {
        return routeProviders;
    }

    /**
     * @return the replication providers found (the cluster plugin), in discovery order; the same
     *         instances on every call
     */
    public List<ReplicationProvider> replicationProviders() {
        return replicationProviders;
    }

    /**
     * @return the transports found, in discovery order; the same instances on every call
     */
    public List<Transport> transports() {
        return transports;
    }

    /**
     * Runs plugin code with the extension's class loader as the thread context class loader, and
     * restores the previous one afterwards: libraries inside a plugin that look classes or services
     * up through the context loader would otherwise see the kernel's class path only.
     *
     * @param extension an extension from this host (or any object whose class loader to use)
     * @param call      the call into plugin code
     * @param <T>       the result type
     * @return what the call returned
     * @throws Exception whatever the call threw
     */
    public <T> T withPluginLoader(Object extension, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(extension.getClass().getClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Stops and unloads the plugins. Endpoints the transports returned must be closed first.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && pluginManager != null) {
            stop(pluginManager);
        }
    }

    private void checkUniqueNames() {
        Map<String, MetricsExporter> exporterNames = new HashMap<>();
        for (MetricsExporter exporter : exporters) {
            MetricsExporter other = exporterNames.putIfAbsent(exporter.name(), exporter);
            if (other != null) {
                throw new IllegalStateException("two metrics exporters are named '" + exporter.name() + "'");
            }
        }
        Map<String, HttpRouteProvider> providerNames = new HashMap<>();
        for (HttpRouteProvider provider : routeProviders) {
            if (providerNames.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalStateException("two http route providers are named '" + provider.name() + "'");
            }
        }
        Map<String, Transport> byName = new HashMap<>();
        for (Transport transport : transports) {
            String name = nameOf(transport);
            Transport other = byName.putIfAbsent(name, transport);
            if (other != null) {
                throw new IllegalStateException("two transports are named '" + name + "': "
                        + other.getClass().getName() + " and " + transport.getClass().getName());
            }
        }
    }

    private String nameOf(Transport transport) {
        try {
            return withPluginLoader(transport, transport::name);
        } catch (Exception e) {
            throw new IllegalStateException("transport " + transport.getClass().getName() + " has no name", e);
        }
    }

    private static void logSkipped(PluginManager manager) {
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                // PF4J has logged the stack trace already.
                LOG.error("plugin '{}' failed to start and is skipped: {}", plugin.getPluginId(),
                        String.valueOf(plugin.getFailedException()));
            }
        }
        for (PluginWrapper plugin : manager.getUnresolvedPlugins()) {
            LOG.error("plugin '{}' has unresolved dependencies and is skipped", plugin.getPluginId());
        }
    }

    private static List<String> startedIds(PluginManager manager) {
        return manager.getStartedPlugins().stream().map(PluginWrapper::getPluginId).toList();
    }

    private static void stop(PluginManager manager) {
        if (manager instanceof ServiceProviderPluginManager archives) {
            archives.stopAndUnload();
        } else {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
