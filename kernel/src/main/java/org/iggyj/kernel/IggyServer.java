package org.iggyj.kernel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.cluster.ClusterRuntime;
import org.iggyj.kernel.cluster.KernelSnapshots;
import org.iggyj.kernel.cluster.PinnedInputs;
import org.iggyj.kernel.command.Commands;
import org.iggyj.kernel.command.KernelDispatcher;
import org.iggyj.kernel.command.PartitionDataWaits;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.config.SystemConfig;
import org.iggyj.kernel.diagnostics.SnapshotArchive;
import org.iggyj.kernel.diagnostics.SystemReports;
import org.iggyj.kernel.io.KernelAllocator;
import org.iggyj.kernel.io.KernelIo;
import org.iggyj.kernel.metrics.KernelMeters;
import org.iggyj.kernel.metrics.StorageMeters;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.plugin.ContributedRoutes;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.config.AuthConfig;
import org.iggyj.kernel.session.UnauthenticatedConnections;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.kernel.storage.FileOpener;
import org.iggyj.kernel.tls.TransportTls;
import org.iggyj.protocol.Frames;
import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.DataWaits;
import org.iggyj.spi.MetricsExporter;
import org.iggyj.spi.Transport;
import org.iggyj.spi.cluster.ReplicationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server: starts storage and shards, recovers metadata, creates the root user on first start,
 * then starts every transport; closes them in reverse order.
 *
 * <p>Thread-safe to close from any thread (the JVM shutdown hook does). Runs with zero transports:
 * the dispatcher is then reachable in-process only.
 */
public final class IggyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IggyServer.class);

    private final ServerConfig config;
    private final KernelStorage storage;
    /** The storage's metadata writer. */
    private final MetadataWriter metadata;
    private final SessionRegistry sessions;
    private final LoginGuard loginGuard;
    private final KernelDispatcher dispatcher;
    private final PartitionDataWaits dataWaits;
    private final KernelIo io;
    private final ExecutorService hashing;
    private final Housekeeping housekeeping;
    private final RuntimeConfigFile runtimeConfig;
    private final TransportEndpoints endpoints = new TransportEndpoints();
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final MetricsExporters exporters = new MetricsExporters();
    private ContributedRoutes httpRoutes = ContributedRoutes.none();
    private boolean closed;

    private final MessageCrypto crypto;
    /** The replication plugin's provider when clustering is on, else null. */
    private final ReplicationProvider replication;
    private final MicrosClock clock;
    private ClusterRuntime cluster;

    private IggyServer(ServerConfig config, List<EncryptionProvider> encryptionProviders, FileOpener files,
                       ReplicationProvider replication) {
        this.config = config;
        this.replication = replication;
        // With clustering, handlers read time and randomness from inputs the applier can pin per entry.
        this.clock = replication == null ? MicrosClock.SYSTEM : new PinnedInputs(MicrosClock.SYSTEM);
        this.crypto = MessageCrypto.create(config.system().encryption(), encryptionProviders);
        SystemConfig system = config.system();
        this.storage = new KernelStorage(config, files, clock);
        this.metadata = storage.metadata();
        this.housekeeping = new Housekeeping(config, metadata);
        this.runtimeConfig = new RuntimeConfigFile(storage.layout());
        this.hashing = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                new io.netty.util.concurrent.DefaultThreadFactory("iggy-auth", true));
        ByteBufAllocator alloc = KernelAllocator.POOLED;
        AuthConfig auth = config.auth();
        this.sessions = new SessionRegistry(new UnauthenticatedConnections(auth.maxUnauthenticatedPerSource(),
                auth.maxUnauthenticated(), auth.loginTimeout(), meters));
        this.loginGuard = new LoginGuard(auth, meters, System::nanoTime);
        this.dispatcher = Commands.dispatcher(metadata, sessions, alloc, hashing, system.path(), clock,
                config.personalAccessToken().maxTokensPerUser(), crypto, loginGuard);
        Commands.registerServerInfo(dispatcher, new SnapshotArchive(new SystemReports(system.path(),
                config.logging().path(), runtimeConfig.path())), this::address, hashing, alloc);
        dispatcher.bindMeters(meters);
        this.dataWaits = new PartitionDataWaits(metadata);
        this.io = new KernelIo(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Starts a server.
     *
     * @param config     the effective configuration; the sections the transports declare are added
     *                   ({@link ServerConfig#withPluginSections})
     * @param root       root credentials, used only when the data directory has no root user yet
     * @param transports transports to start, in order
     * @return the running server
     * @throws IOException when the data directory cannot be prepared or recovered
     */
    public static IggyServer start(ServerConfig config, RootCredentials root, List<Transport> transports)
            throws IOException {
        return start(config, root, transports,
                PluginHost.classpathEncryptionProviders(IggyServer.class.getClassLoader()));
    }

    /**
     * Starts a server with the given transports and encryption providers (in-process use).
     *
     * @param config              the effective configuration
     * @param root                root credentials, used only when the data directory has no root user yet
     * @param transports          transports to start, in order
     * @param encryptionProviders candidates for {@code [system.encryption]}
     * @return the running server
     * @throws IOException when the data directory cannot be prepared or recovered
     */
    public static IggyServer start(ServerConfig config, RootCredentials root, List<Transport> transports,
                                   List<EncryptionProvider> encryptionProviders) throws IOException {
        ServerConfig withPlugins = config.hasPluginSections() ? config
                : config.withPluginSections(PluginHost.configSchemasOf(transports, null));
        return startOrClose(new IggyServer(withPlugins, encryptionProviders, FileOpener.DEFAULT, null), server -> {
            server.startStorage(root);
            server.startHeartbeat();
            server.startTransports(transports, null);
        });
    }

    /**
     * Starts a server whose transports come from a plugin host.
     *
     * @param config  the effective configuration
     * @param root    root credentials for a first start
     * @param plugins the plugin host; its transports are started with their plugin's class loader
     * @return the running server
     * @throws IOException when the data directory cannot be prepared or recovered
     */
    public static IggyServer start(ServerConfig config, RootCredentials root, PluginHost plugins) throws IOException {
        return start(config, root, plugins, FileOpener.DEFAULT);
    }

    /**
     * Starts a server whose transports come from a plugin host, opening segment files with {@code files}:
     * the seam through which tests inject storage faults (production passes {@link FileOpener#DEFAULT}).
     *
     * @param config  the effective configuration; the sections the plugins declare are added
     * @param root    root credentials for a first start
     * @param plugins the plugin host; its transports are started with their plugin's class loader
     * @param files   how segment files are opened
     * @return the running server
     * @throws IOException when the data directory cannot be prepared or recovered
     */
    public static IggyServer start(ServerConfig config, RootCredentials root, PluginHost plugins, FileOpener files)
            throws IOException {
        ServerConfig withPlugins = config.hasPluginSections() ? config
                : config.withPluginSections(plugins.configSchemas());
        IggyServer created = new IggyServer(withPlugins, plugins.encryptionProviders(), files,
                ClusterRuntime.select(withPlugins.section("cluster"), plugins.replicationProviders()));
        return startOrClose(created, server -> {
            server.startStorage(root);
            server.startHeartbeat();
            server.startCluster(plugins);
            server.startExporters(plugins.exporters(), plugins);
            server.httpRoutes = ContributedRoutes.start(plugins, server.config::section, server.enabledTransports(plugins));
            server.startTransports(plugins.transports(), plugins);
        });
    }

    /** The start-up steps of one way to start, in order. */
    @FunctionalInterface
    private interface Startup {
        void run(IggyServer server) throws IOException;
    }

    /** Runs the steps, then writes the runtime config; a failed step closes what was started. */
    private static IggyServer startOrClose(IggyServer server, Startup steps) throws IOException {
        try {
            steps.run(server);
            server.writeRuntimeConfig();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startStorage(RootCredentials root) throws IOException {
        if (replication != null) {
            ClusterRuntime.prepareDataDirectory(storage.layout(), config.section("cluster"));
        }
        storage.open(crypto, root);
        housekeeping.startStorageCleaners();
    }

    /** Starts replication after storage (the engine replays its log into it) and before transports. */
    private void startCluster(PluginHost plugins) throws IOException {
        if (replication == null) {
            return;
        }
        cluster = ClusterRuntime.start(replication, plugins::withPluginLoader, config.section("cluster"),
                config.system().path(), config.system().partitionEnforceFsync(), dispatcher, sessions,
                (PinnedInputs) clock, this::address, KernelAllocator.POOLED,
                new KernelSnapshots(metadata, storage.layout()), crypto);
    }

    private void startHeartbeat() {
        housekeeping.startSessionReapers(sessions, loginGuard);
    }

    private void startExporters(List<MetricsExporter> list, PluginHost plugins) {
        if (list.stream().anyMatch(e -> enabled(e.name()))) {
            // Bound before any exporter listens: the composite hands its meters to each registry added
            // later, so no scrape can see an exporter without the kernel's gauges.
            KernelMeters.bind(meters, metadata::current, sessions);
            StorageMeters.bind(meters, storage.diskSpace(), metadata::current);
            if (cluster != null) {
                cluster.bindMeters(meters);
            }
        }
        exporters.start(list, plugins, this::enabled,
                name -> new KernelMetricsContext(config.section(name), io, enabledTransports(plugins)), meters);
    }

    private boolean enabled(String pluginName) {
        return config.section(pluginName).bool("enabled", true);
    }

    private Set<String> enabledTransports(PluginHost plugins) {
        Set<String> names = new HashSet<>();
        for (Transport transport : plugins.transports()) {
            if (enabled(transport.name())) {
                names.add(transport.name());
            }
        }
        return names;
    }

    /**
     * @return the kernel's composite registry: every exporter's registry is part of it
     */
    public MeterRegistry meters() {
        return meters;
    }

    private void startTransports(List<Transport> transports, PluginHost plugins) {
        FrameLimits limits = new FrameLimits(Frames.MAX_CONTROL_PAYLOAD_BYTES, config.system().maxSendPayloadBytes());
        endpoints.start(transports, plugins, this::enabled, name -> new KernelTransportContext(config.section(name),
                dispatcher, sessions, KernelAllocator.POOLED, io, limits, TransportTls.forTransport(name,
                config.section(name)), meters, exporters.scrapeSources(), dataWaits, httpRoutes.list()));
    }

    private void writeRuntimeConfig() {
        runtimeConfig.write(config, endpoints.bound());
    }

    /**
     * @param transportName a transport name such as {@code tcp}
     * @return the address it bound, or null when it is not running
     */
    public InetSocketAddress address(String transportName) {
        return endpoints.address(transportName);
    }

    /**
     * @return the effective configuration, with the sections the started plugins declared
     */
    public ServerConfig config() {
        return config;
    }

    /**
     * @return the long-poll waits handed to transports, for in-process use
     */
    public DataWaits dataWaits() {
        return dataWaits;
    }

    /**
     * @return the dispatcher, for in-process use
     */
    public KernelDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * @return the session registry, for in-process use
     */
    public SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        endpoints.close();
        httpRoutes.close();
        exporters.close();
        if (cluster != null) {
            cluster.close();
        }
        io.close();
        housekeeping.close();
        storage.diskSpace().close();
        loginGuard.close();
        storage.close();
        hashing.shutdownNow();
        LOG.info("Server stopped");
    }

    /**
     * Command-line entry point: {@code iggy-server [--with-default-root-credentials] [--fresh]}.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        ServerMain.run(args);
    }
}
