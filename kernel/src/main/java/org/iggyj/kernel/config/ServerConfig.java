package org.iggyj.kernel.config;

import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.KernelConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective server configuration: built-in defaults, the config file and {@code IGGY_*}
 * overrides merged, validated and bound once by {@link ConfigLoader}. Immutable, so any thread may
 * read it. The kernel uses the typed records; plugins get their own section through
 * {@link #section(String)}.
 */
public final class ServerConfig {

    private final Map<String, Object> tree;
    private final Optional<Path> sourceFile;
    private final List<String> warnings;
    private final SystemConfig system;
    private final LoggingConfig logging;
    private final HeartbeatConfig heartbeat;
    private final PatConfig personalAccessToken;
    private final MessageSaverConfig messageSaver;
    private final DataMaintenanceConfig dataMaintenance;
    private final ConsumerGroupConfig consumerGroup;
    private final DeploymentProfile profile;
    private final FreeSpaceConfig freeSpace;
    private final AuthConfig auth;
    private final ConfigInputs inputs;
    private final PluginSections pluginSections;

    ServerConfig(Map<String, Object> tree, Optional<Path> sourceFile, List<String> warnings, ConfigBinder binder,
                 SystemConfig system, ConfigInputs inputs, PluginSections pluginSections) {
        this.inputs = inputs;
        this.pluginSections = pluginSections;
        this.tree = tree;
        this.sourceFile = sourceFile;
        this.warnings = List.copyOf(warnings);
        this.system = system;
        this.logging = binder.logging(system.path());
        this.heartbeat = binder.heartbeat();
        this.personalAccessToken = binder.personalAccessToken();
        this.messageSaver = binder.messageSaver();
        this.dataMaintenance = binder.dataMaintenance();
        this.consumerGroup = binder.consumerGroup();
        this.profile = binder.profile();
        this.freeSpace = binder.freeSpace();
        this.auth = binder.auth();
    }

    /** @return {@code [system]}: storage, durability, sharding, encryption */
    public SystemConfig system() {
        return system;
    }

    /** @return {@code [system.logging]} */
    public LoggingConfig logging() {
        return logging;
    }

    /** @return {@code [auth]}: login throttling and limits on connections that have not logged in */
    public AuthConfig auth() {
        return auth;
    }

    /** @return {@code [heartbeat]} */
    public HeartbeatConfig heartbeat() {
        return heartbeat;
    }

    /** @return {@code [personal_access_token]} */
    public PatConfig personalAccessToken() {
        return personalAccessToken;
    }

    /** @return {@code [message_saver]} */
    public MessageSaverConfig messageSaver() {
        return messageSaver;
    }

    /** @return {@code [data_maintenance.messages]} */
    public DataMaintenanceConfig dataMaintenance() {
        return dataMaintenance;
    }

    /** @return {@code [consumer_group]} */
    public ConsumerGroupConfig consumerGroup() {
        return consumerGroup;
    }

    /** @return {@code [system.storage]}: the free space the data directory keeps */
    public FreeSpaceConfig freeSpace() {
        return freeSpace;
    }

    /** @return {@code [plugins] profile}: which plugins this deployment starts */
    public DeploymentProfile profile() {
        return profile;
    }

    /**
     * @param name a section path such as {@code "tcp"} or {@code "http.jwt"}; empty for the root
     * @return a read-only view of that section (empty when absent)
     */
    public KernelConfig section(String name) {
        return new ConfigSection("", tree).section(name);
    }

    /**
     * Loads the configuration again, this time with the sections the started plugins declared: each
     * is checked (all problems, the kernel's included, in one {@link ConfigException}), gets its
     * defaults and {@code IGGY_<SECTION>_<KEY>} overrides, and shows in {@link #toToml()}. Sections
     * and variables that belong to no started plugin are now reported as warnings.
     *
     * @param schemas what the started plugins declared (may be empty)
     * @return the configuration with plugin sections
     * @throws ConfigException when a declared section holds bad values, or two plugins declare one section
     */
    public ServerConfig withPluginSections(List<ConfigSchema> schemas) {
        if (pluginSections.isBound() && pluginSections.schemas().equals(schemas)) {
            return this;
        }
        return ConfigLoader.load(inputs, PluginSections.bound(schemas), warnings);
    }

    /** @return whether the sections of the started plugins are part of this configuration */
    public boolean hasPluginSections() {
        return pluginSections.isBound();
    }

    /** @return the config file that was read, empty when only built-in defaults were used */
    public Optional<Path> sourceFile() {
        return sourceFile;
    }

    /** @return non-fatal remarks from loading (unknown variables, ignored settings), already logged */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the effective configuration as TOML, secrets masked */
    public String toToml() {
        return toToml(Map.of());
    }

    /**
     * @param overrides values to show instead of the configured ones, by dotted key path — e.g. the
     *                  actually bound {@code "tcp.address"} when port 0 was configured
     * @return the effective configuration as TOML, secrets masked
     */
    public String toToml(Map<String, Object> overrides) {
        return TomlRenderer.render(tree, overrides, pluginSections.secrets());
    }

    @Override
    public String toString() {
        return "ServerConfig[source=" + sourceFile.map(Path::toString).orElse("<built-in defaults>") + "]";
    }
}
