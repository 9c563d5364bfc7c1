package org.iggyj.kernel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.iggyj.kernel.command.Commands;
import org.iggyj.kernel.command.KernelDispatcher;
import org.iggyj.kernel.config.DataMaintenanceConfig;
import org.iggyj.kernel.crypto.KeyCheck;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.auth.ExpiredTokenCleaner;
import org.iggyj.kernel.config.PatConfig;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.config.SystemConfig;
import org.iggyj.kernel.diagnostics.SnapshotArchive;
import org.iggyj.kernel.diagnostics.SystemReports;
import org.iggyj.kernel.io.KernelIo;
import org.iggyj.kernel.metrics.KernelMeters;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicDefaults;
import org.iggyj.kernel.partition.DeduplicationConfig;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.kernel.retention.MessageCleaner;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.config.AuthConfig;
import org.iggyj.kernel.session.HeartbeatReaper;
import org.iggyj.kernel.session.LoginTimeoutReaper;
import org.iggyj.kernel.session.UnauthenticatedConnections;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.kernel.tls.TransportTls;
import org.iggyj.protocol.Frames;
import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.Exporter;
import org.iggyj.spi.MetricsContext;
import org.iggyj.spi.MetricsExporter;
import org.iggyj.spi.ScrapeSource;
import org.iggyj.spi.Transport;
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
    private final KernelIo io;
    private final ExecutorService hashing;
    private final MessageCleaner cleaner;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final List<ScrapeSource> scrapeSources = new ArrayList<>();
    private final Map<String, Exporter> exporters = new LinkedHashMap<>();
    private HeartbeatReaper heartbeatReaper;
    private ExpiredTokenCleaner tokenCleaner;
    private boolean closed;

    private final MessageCrypto crypto;

    private IggyServer(ServerConfig config, List<EncryptionProvider> encryptionProviders) {
        this.config = config;
        this.crypto = MessageCrypto.create(config.system().encryption(), encryptionProviders);
        SystemConfig system = config.system();
        this.shards = new ShardSet(system.shardCount());
        DataLayout layout = new DataLayout(system.path());
        StorageConfig storage = new StorageConfig(system.segmentSizeBytes(), system.partitionEnforceFsync(),
                system.validateChecksum());
        this.metadata = new MetadataWriter(shards, layout, storage,
                new TopicDefaults(system.topicMessageExpiryUs(), system.topicMaxSizeBytes()), MicrosClock.SYSTEM,
                new DeduplicationConfig(system.dedupEnabled(), system.dedupMaxEntries(),
                        TimeUnit.MICROSECONDS.convert(system.dedupExpiry())));
        this.cleaner = new MessageCleaner(metadata::current, MicrosClock.SYSTEM);
        this.hashing = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                new io.netty.util.concurrent.DefaultThreadFactory("iggy-auth", true));
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        AuthConfig auth = config.auth();
        this.sessions = new SessionRegistry(new UnauthenticatedConnections(auth.maxUnauthenticatedPerSource(),
                auth.maxUnauthenticated(), auth.loginTimeout(), meters));
        this.loginGuard = new LoginGuard(auth, meters, System::nanoTime);
        this.dispatcher = Commands.dispatcher(metadata, sessions, alloc, hashing, system.path(), MicrosClock.SYSTEM,
                config.personalAccessToken().maxTokensPerUser(), crypto, loginGuard);
        Commands.registerServerInfo(dispatcher, new SnapshotArchive(new SystemReports(system.path(),
                config.logging().path(), layout.runtimeDir().resolve(RUNTIME_CONFIG_FILE))), this::address, hashing, alloc);
        dispatcher.bindMeters(meters);
        this.io = new KernelIo(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Starts a server.
     *
     * @param config     the effective configuration
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
        IggyServer server = new IggyServer(config, encryptionProviders);
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
        IggyServer server = new IggyServer(config, plugins.encryptionProviders());
        try {
            server.startStorage(root);
            server.startHeartbeat();
            server.startExporters(plugins.exporters(), plugins);
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
        Files.createDirectories(layout.stateDir());
        Files.createDirectories(layout.streamsDir());
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

    private void startHeartbeat() {
        loginTimeouts = LoginTimeoutReaper.start(sessions.unauthenticated(), config.auth().loginTimeout(),
                loginGuard::sweep);
        if (config.heartbeat().enabled()) {
            heartbeatReaper = HeartbeatReaper.start(sessions, config.heartbeat().interval());
        }
    }

    private void startExporters(List<MetricsExporter> list, PluginHost plugins) {
        if (!list.isEmpty()) {
            // Bound before any exporter listens: the composite hands them to each registry added later,
            // so a scrape right after an exporter's port opens already sees them.
            KernelMeters.bind(meters, metadata::current, sessions);
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
                    PooledByteBufAllocator.DEFAULT, io, limits, TransportTls.forTransport(name, config.section(name)),
                    meters, List.copyOf(scrapeSources));
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

    private void writeRuntimeConfig() throws IOException {
        Path runtime = new DataLayout(config.system().path()).runtimeDir();
        Files.createDirectories(runtime);
        StringBuilder bound = new StringBuilder("\n# Addresses actually bound\n");
        endpoints.forEach((name, e) -> bound.append("# ").append(name).append(" = ").append(e.address()).append('\n'));
        Files.writeString(runtime.resolve(RUNTIME_CONFIG_FILE), config.toToml() + bound, StandardCharsets.UTF_8);
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
        for (Map.Entry<String, Exporter> e : exporters.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                LOG.warn("Metrics exporter {} did not close cleanly", e.getKey(), ex);
            }
        }
        io.close();
        cleaner.close();
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
