package org.iggyj.kernel.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names of the keys the kernel reads, and what kind of value each text key holds. Defaults are not
 * here: they live in {@code configs/server.toml}, which is built into the kernel as the base layer.
 */
final class ConfigKeys {

    static final String SYSTEM_PATH = "system.path";
    static final String MAX_SEND_PAYLOAD_SIZE = "system.max_send_payload_size";
    static final String STATE_ENFORCE_FSYNC = "system.state.enforce_fsync";
    static final String RUNTIME_PATH = "system.runtime.path";
    static final String LOGGING = "system.logging";
    static final String ENCRYPTION_ENABLED = "system.encryption.enabled";
    static final String ENCRYPTION_KEY = "system.encryption.key";
    static final String COMPRESSION_ALGORITHM = "system.compression.default_algorithm";
    static final String STREAM_PATH = "system.stream.path";
    static final String TOPIC_PATH = "system.topic.path";
    static final String TOPIC_MAX_SIZE = "system.topic.max_size";
    static final String TOPIC_MESSAGE_EXPIRY = "system.topic.message_expiry";
    static final String PARTITION_PATH = "system.partition.path";
    static final String PARTITION_ENFORCE_FSYNC = "system.partition.enforce_fsync";
    static final String VALIDATE_CHECKSUM = "system.partition.validate_checksum";
    static final String MESSAGES_REQUIRED_TO_SAVE = "system.partition.messages_required_to_save";
    static final String SIZE_REQUIRED_TO_SAVE = "system.partition.size_of_messages_required_to_save";
    static final String SEGMENT_SIZE = "system.segment.size";
    static final String CACHE_INDEXES = "system.segment.cache_indexes";
    static final String MIN_FREE_SPACE = "system.storage.min_free_space";
    static final String FREE_SPACE_CHECK_INTERVAL = "system.storage.free_space_check_interval";
    static final String DEDUP_ENABLED = "system.message_deduplication.enabled";
    static final String DEDUP_MAX_ENTRIES = "system.message_deduplication.max_entries";
    static final String DEDUP_EXPIRY = "system.message_deduplication.expiry";
    static final String MEMORY_POOL = "system.memory_pool";
    static final String CPU_ALLOCATION = "system.sharding.cpu_allocation";
    static final String MESSAGE_SAVER = "message_saver";
    static final String MESSAGE_CLEANER = "data_maintenance.messages";
    static final String PAT = "personal_access_token";
    static final String HEARTBEAT = "heartbeat";
    static final String CONSUMER_GROUP = "consumer_group";
    static final String AUTH = "auth";
    // [http] is the http plugin's (HttpConfig declares it); the kernel still checks that the token
    // expiry is one it can use, since the expiry rules ("none", at most ...) are the kernel's.
    static final String HTTP_ENABLED = "http.enabled";
    static final String ACCESS_TOKEN_EXPIRY = "http.jwt.access_token_expiry";
    static final String TELEMETRY = "telemetry";
    static final String CLUSTER = "cluster";
    static final String CLUSTER_UNREACHABLE_MEMBER_TIMEOUT = "cluster.unreachable_member_timeout";

    /**
     * Top-level sections the kernel owns. Every other top-level section belongs to a plugin, which
     * declares it through {@link org.iggyj.spi.ConfigSchema}.
     */
    static final Set<String> KERNEL_SECTIONS = Set.of("system", "message_saver", "data_maintenance",
        "personal_access_token", "heartbeat", "auth", "consumer_group", "plugins", "telemetry", "cluster");

    /**
     * Plugin sections the kernel still checks itself, against the keys of the built-in layer, because
     * their plugin declares nothing yet. Every other plugin section in the shipped {@code server.toml}
     * is there for operators only: the kernel drops it from its built-in layer and the plugin's
     * declaration supplies keys and defaults. A plugin that starts declaring its section leaves this list.
     */
    static final Set<String> UNDECLARED_PLUGIN_SECTIONS = Set.of();

    /** Keys that are valid but have no default value (absent from the built-in layer). */
    static final Map<String, Class<?>> OPTIONAL = Map.of();

    /** Text keys holding byte sizes; each must parse at startup. */
    static final List<String> BYTE_SIZES = List.of(
        MAX_SEND_PAYLOAD_SIZE, "system.logging.max_file_size", "system.logging.max_total_size",
        SIZE_REQUIRED_TO_SAVE, SEGMENT_SIZE, MIN_FREE_SPACE, "system.memory_pool.size",
        "cluster.replication.log_segment_size", "cluster.replication.max_coalesced_bytes",
        "cluster.replication.in_flight_bytes");

    /** Text keys holding durations; each must parse at startup. */
    static final List<String> DURATIONS = List.of(
        "system.state.retry_delay", "system.logging.rotation_check_interval", "system.logging.retention",
        "system.logging.sysinfo_print_interval", FREE_SPACE_CHECK_INTERVAL, DEDUP_EXPIRY, "message_saver.interval",
        "data_maintenance.messages.interval", "personal_access_token.cleaner.interval", "heartbeat.interval",
        "consumer_group.rebalancing_timeout", "consumer_group.rebalancing_check_interval",
        "auth.throttle", "auth.max_throttle", "auth.failure_window", "auth.refusal_delay", "auth.login_timeout",
        "auth.verified_password_ttl",
        "cluster.replication.election_timeout", "cluster.replication.request_timeout",
        CLUSTER_UNREACHABLE_MEMBER_TIMEOUT);

    /** Keys whose values are masked wherever the configuration is shown. */
    static final Set<String> SECRETS = Set.of(ENCRYPTION_KEY);

    /** {@code IGGY_*} variables that are not configuration keys; skipped without a warning. */
    static final Set<String> NOT_CONFIG_ENV = Set.of(
        "IGGY_CONFIG_PATH", "IGGY_ROOT_USERNAME", "IGGY_ROOT_PASSWORD", "IGGY_CI_BUILD",
        "IGGY_CONNECTORS_CONFIG_PATH", "IGGY_MCP_CONFIG_PATH", "IGGY_ENV_PATH", "IGGY_DISPLAY_CONFIG");

    /** Prefix of test-harness variables, also not configuration. */
    static final String TEST_ENV_PREFIX = "IGGY_TEST_";

    private ConfigKeys() {
    }
}
