package org.iggyj.kernel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.cluster.ClusterRuntime;
import org.iggyj.kernel.cluster.KernelSnapshots;
import org.iggyj.kernel.cluster.PinnedInputs;
import org.iggyj.kernel.command.Commands;
import org.iggyj.kernel.command.KernelDispatcher;
import org.iggyj.kernel.command.PartitionDataWaits;
import org.iggyj.kernel.config.DataMaintenanceConfig;
import org.iggyj.kernel.crypto.KeyCheck;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.auth.ExpiredTokenCleaner;
import org.iggyj.kernel.config.PatConfig;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.config.SystemConfig;
import org.iggyj.kernel.diagnostics.SnapshotArchive;
import org.iggyj.kernel.diagnostics.SystemReports;
import org.iggyj.kernel.io.KernelAllocator;
import org.iggyj.kernel.io.KernelIo;
import org.iggyj.kernel.metrics.KernelMeters;
import org.iggyj.kernel.metrics.StorageMeters;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.MetadataFile;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicDefaults;
import org.iggyj.kernel.partition.DeduplicationConfig;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.plugin.ContributedRoutes;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.kernel.retention.MessageCleaner;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.config.AuthConfig;
import org.iggyj.kernel.session.HeartbeatReaper;
import org.iggyj.kernel.session.LoginTimeoutReaper;
import org.iggyj.kernel.session.UnauthenticatedConnections;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.DiskSpace;
import org.iggyj.kernel.storage.FileOpener;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.kernel.storage.StorageIo;
import org.iggyj.kernel.tls.TransportTls;
import org.iggyj.protocol.Frames;
import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.Exporter;
import org.iggyj.spi.DataWaits;
import org.iggyj.spi.MetricsContext;
import org.iggyj.spi.MetricsExporter;
import org.iggyj.spi.ScrapeSource;
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
    private static final String RUNTIME_CONFIG_FILE = "current_config.toml";

    private final ServerConfig config;
    private final ShardSet shards;
    private final MetadataWriter metadata;
    private final SessionRegistry sessions;
    private final LoginGuard loginGuard;
    private LoginTimeoutReaper loginTimeouts;
    private final KernelDispatcher dispatcher;
    private final PartitionDataWaits dataWaits;
    private final KernelIo io;
    private final ExecutorService hashing;
    private final MessageCleaner cleaner;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final List<ScrapeSource> scrapeSources = new ArrayList<>();
    private final Map<String, Exporter> exporters = new LinkedHashMap<>();
    private ContributedRoutes httpRoutes = ContributedRoutes.none();
    private HeartbeatReaper heartbeatReaper;
    private ExpiredTokenCleaner tokenCleaner;
    private boolean closed;

    private final MessageCrypto crypto;
    private final DiskSpace diskSpace;
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
        this.shards = new ShardSet(system.shardCount());
        DataLayout layout = new DataLayout(system.path());
        this.diskSpace = DiskSpace.monitor(system.path(), config.freeSpace().minFreeSpaceBytes());
        StorageConfig storage = new StorageConfig(system.segmentSizeBytes(), system.partitionEnforceFsync(),
                system.validateChecksum(), new StorageIo(files, diskSpace));
        this.metadata = new MetadataWriter(shards, layout, storage,
                new TopicDefaults(system.topicMessageExpiryUs(), system.topicMaxSizeBytes()), clock,
                new DeduplicationConfig(system.dedupEnabled(), system.dedupMaxEntries(),
                        TimeUnit.MICROSECONDS.convert(system.dedupExpiry())));
        this.cleaner = new MessageCleaner(metadata::current, MicrosClock.SYSTEM);
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
                config.logging().path(), layout.runtimeDir().resolve(RUNTIME_CONFIG_FILE))), this::address, hashing, alloc);
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
        IggyServer server = new IggyServer(withPlugins, encryptionProviders, FileOpener.DEFAULT, null);
        try {
            server.startStorage(root);
            server.startHeartbeat();
            server.startTransports(transports, null);
            server.writeRuntimeConfig();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
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
        IggyServer server = new IggyServer(withPlugins, plugins.encryptionProviders(), files,
                ClusterRuntime.select(withPlugins.section("cluster"), plugins.replicationProviders()));
        try {
            server.startStorage(root);
            server.startHeartbeat();
            server.startCluster(plugins);
            server.startExporters(plugins.exporters(), plugins);
            server.httpRoutes = ContributedRoutes.start(plugins, server.config::section, server.enabledTransports(plugins));
            server.startTransports(plugins.transports(), plugins);
            server.writeRuntimeConfig();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startStorage(RootCredentials root) throws IOException {
        DataLayout layout = new DataLayout(config.system().path());
        if (replication != null) {
            ClusterRuntime.prepareDataDirectory(layout, config.section("cluster"));
        }
        Files.createDirectories(layout.stateDir());
        Files.createDirectories(layout.streamsDir());
        diskSpace.start(config.freeSpace().checkInterval());
        MetadataFile.reserveSpace(layout.stateDir());
        KeyCheck.verify(crypto, layout.stateDir(), layout.streamsDir());
        MetadataRecovery.recover(metadata, layout);
        RootUserBootstrap.ensureRoot(metadata, root);
        DataMaintenanceConfig maintenance = config.dataMaintenance();
        if (maintenance.cleanerEnabled()) {
            cleaner.start(maintenance.interval());
        }
        PatConfig pat = config.personalAccessToken();
        if (pat.cleanerEnabled()) {
            tokenCleaner = ExpiredTokenCleaner.start(metadata, MicrosClock.SYSTEM, pat.cleanerInterval());
        }
    }

    /** Starts replication after storage (the engine replays its log into it) and before transports. */
    private void startCluster(PluginHost plugins) throws IOException {
        if (replication == null) {
            return;
        }
        cluster = ClusterRuntime.start(replication, plugins::withPluginLoader, config.section("cluster"),
                config.system().path(), config.system().partitionEnforceFsync(), dispatcher, sessions,
                (PinnedInputs) clock, this::address, KernelAllocator.POOLED,
                new KernelSnapshots(metadata, new DataLayout(config.system().path())), crypto);
    }

    private void startHeartbeat() {
        loginTimeouts = LoginTimeoutReaper.start(sessions.unauthenticated(), config.auth().loginTimeout(),
                loginGuard::sweep);
        if (config.heartbeat().enabled()) {
            heartbeatReaper = HeartbeatReaper.start(sessions, config.heartbeat().interval());
        }
    }

    private void startExporters(List<MetricsExporter> list, PluginHost plugins) {
        if (list.stream().anyMatch(e -> config.section(e.name()).bool("enabled", true))) {
            // Bound before any exporter listens: the composite hands its meters to each registry added
            // later, so no scrape can see an exporter without the kernel's gauges.
            KernelMeters.bind(meters, metadata::current, sessions);
            StorageMeters.bind(meters, diskSpace, metadata::current);
            if (cluster != null) {
                cluster.bindMeters(meters);
            }
        }
        for (MetricsExporter exporter : list) {
            String name = exporter.name();
            if (!config.section(name).bool("enabled", true)) {
                LOG.info("Metrics exporter {} is disabled by [{}] enabled = false", name, name);
                continue;
            }
            MetricsContext ctx = new KernelMetricsContext(config.section(name), io, enabledTransports(plugins));
            Exporter running;
            try {
                running = plugins.withPluginLoader(exporter, () -> exporter.start(ctx));
            } catch (Exception e) {
                throw new IllegalStateException("metrics exporter " + name + " failed to start: " + e.getMessage(), e);
            }
            exporters.put(name, running);
            meters.add(running.registry());
            running.scrapeSource().ifPresent(scrapeSources::add);
            LOG.info("Metrics exporter {} started", name);
        }
    }

    private Set<String> enabledTransports(PluginHost plugins) {
        Set<String> names = new HashSet<>();
        for (Transport transport : plugins.transports()) {
            if (config.section(transport.name()).bool("enabled", true)) {
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
        if (transports.isEmpty()) {
            LOG.warn("No transport loaded: the server is running but serves nothing over the network");
            return;
        }
        FrameLimits limits = new FrameLimits(Frames.MAX_CONTROL_PAYLOAD_BYTES, config.system().maxSendPayloadBytes());
        for (Transport transport : transports) {
            String name = transport.name();
            if (endpoints.containsKey(name)) {
                throw new IllegalStateException("two transports are named '" + name + "'");
            }
            if (!config.section(name).bool("enabled", true)) {
                LOG.info("Transport {} is disabled by [{}] enabled = false", name, name);
                continue;
            }
            KernelTransportContext ctx = new KernelTransportContext(config.section(name), dispatcher, sessions,
                    KernelAllocator.POOLED, io, limits, TransportTls.forTransport(name, config.section(name)),
                    meters, List.copyOf(scrapeSources), dataWaits, httpRoutes.list());
            Endpoint endpoint = plugins == null ? startOne(transport, ctx) : startInPluginLoader(plugins, transport, ctx);
            endpoints.put(name, endpoint);
            LOG.info("Transport {} listening on {}", name, endpoint.address());
        }
    }

    private static Endpoint startInPluginLoader(PluginHost plugins, Transport transport, KernelTransportContext ctx) {
        try {
            return plugins.withPluginLoader(transport, () -> startOne(transport, ctx));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("transport " + transport.name() + " failed to start", e);
        }
    }

    private static Endpoint startOne(Transport transport, KernelTransportContext ctx) {
        try {
            return transport.start(ctx);
        } catch (Exception e) {
            throw new IllegalStateException("transport " + transport.name() + " failed to start: " + e.getMessage(), e);
        }
    }

    private void writeRuntimeConfig() {
        Path runtime = new DataLayout(config.system().path()).runtimeDir();
        StringBuilder bound = new StringBuilder("\n# Addresses actually bound\n");
        endpoints.forEach((name, e) -> bound.append("# ").append(name).append(" = ").append(e.address()).append('\n'));
        try {
            Files.createDirectories(runtime);
            Files.writeString(runtime.resolve(RUNTIME_CONFIG_FILE), config.toToml() + bound, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Informational only: a full disk must not keep the server from starting.
            LOG.warn("Cannot write {} ({})", runtime.resolve(RUNTIME_CONFIG_FILE), e.toString());
        }
    }

    /**
     * @param transportName a transport name such as {@code tcp}
     * @return the address it bound, or null when it is not running
     */
    public InetSocketAddress address(String transportName) {
        Endpoint e = endpoints.get(transportName);
        SocketAddress address = e == null ? null : e.address();
        return address instanceof InetSocketAddress inet ? inet : null;
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
        List<String> names = new ArrayList<>(endpoints.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            try {
                endpoints.get(name).close();
            } catch (RuntimeException e) {
                LOG.warn("Transport {} did not close cleanly", name, e);
            }
        }
        httpRoutes.close();
        for (Map.Entry<String, Exporter> e : exporters.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                LOG.warn("Metrics exporter {} did not close cleanly", e.getKey(), ex);
            }
        }
        if (cluster != null) {
            cluster.close();
        }
        io.close();
        cleaner.close();
        diskSpace.close();
        if (heartbeatReaper != null) {
            heartbeatReaper.close();
        }
        if (loginTimeouts != null) {
            loginTimeouts.close();
        }
        loginGuard.close();
        if (tokenCleaner != null) {
            tokenCleaner.close();
        }
        try {
            ShutdownFlush.closeAll(metadata.current());
        } catch (RuntimeException e) {
            LOG.error("Flushing partitions at shutdown failed", e);
        }
        shards.close();
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
