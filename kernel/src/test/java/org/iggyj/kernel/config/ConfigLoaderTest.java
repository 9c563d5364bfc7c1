package org.iggyj.kernel.config;

import org.iggyj.spi.KernelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final int CORES = 4;

    @TempDir
    Path dir;

    private ServerConfig load(Map<String, String> env) {
        return ConfigLoader.load(env, dir, CORES);
    }

    /** As a server loads: plugins first, then every problem (kernel's and plugins') in one error. */
    private ServerConfig loadWithPlugins(Map<String, String> env) {
        return ClasspathPluginSections.bind(ConfigLoader.loadBeforePlugins(env, dir));
    }

    private Path writeConfig(String toml) throws IOException {
        Path file = dir.resolve("configs/server.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
        return file;
    }

    @Test
    void shouldUseBuiltInDefaultsAndWarnWhenNoFileExists() {
        ServerConfig config = load(Map.of());

        assertTrue(config.sourceFile().isEmpty());
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("built-in defaults")), config.warnings().toString());
        SystemConfig system = config.system();
        assertEquals(dir.resolve("local_data").toAbsolutePath().normalize(), system.path());
        assertEquals(system.path().resolve("runtime"), system.runtimePath());
        assertEquals(system.path().resolve("streams"), system.streamsPath());
        assertEquals("topics", system.topicsDirName());
        assertEquals("partitions", system.partitionsDirName());
        assertEquals(1L << 30, system.segmentSizeBytes());
        assertEquals(CacheIndexes.OPEN_SEGMENT, system.cacheIndexes());
        assertFalse(system.partitionEnforceFsync());
        assertFalse(system.validateChecksum());
        assertEquals(1024, system.messagesRequiredToSave());
        assertEquals(1L << 20, system.sizeOfMessagesRequiredToSaveBytes());
        assertEquals(100L << 20, system.maxSendPayloadBytes());
        assertEquals(CORES, system.shardCount());
        assertEquals(SystemConfig.UNLIMITED, system.topicMaxSizeBytes());
        assertEquals(SystemConfig.NEVER_EXPIRE, system.topicMessageExpiryUs());
        assertFalse(system.stateEnforceFsync());
        assertFalse(system.dedupEnabled());
        assertEquals(10_000, system.dedupMaxEntries());
        assertEquals(Duration.ofMinutes(1), system.dedupExpiry());
        assertFalse(system.encryption().enabled());
    }

    @Test
    void shouldBindBackgroundTaskDefaultsOfIggy08() {
        ServerConfig config = load(Map.of());

        assertEquals(new MessageSaverConfig(true, Duration.ofSeconds(30)), config.messageSaver());
        assertEquals(new DataMaintenanceConfig(false, Duration.ofMinutes(1)), config.dataMaintenance());
        assertEquals(new PatConfig(100, true, Duration.ofMinutes(1)), config.personalAccessToken());
        assertEquals(new HeartbeatConfig(false, Duration.ofSeconds(5)), config.heartbeat());
        assertEquals(new ConsumerGroupConfig(Duration.ofSeconds(30), Duration.ofSeconds(5)), config.consumerGroup());
        LoggingConfig logging = config.logging();
        assertEquals(config.system().path().resolve("logs"), logging.path());
        assertEquals("info", logging.level());
        assertEquals(500_000_000L, logging.maxFileSizeBytes());
        assertEquals(4_000_000_000L, logging.maxTotalSizeBytes());
        assertEquals(Duration.ofDays(7), logging.retention());
    }

    @Test
    void shouldBindFreeSpaceThresholdFromDefaultsAndEnvironment() {
        assertEquals(new FreeSpaceConfig(64L << 20, Duration.ofSeconds(1)), load(Map.of()).freeSpace());

        ServerConfig config = load(Map.of("IGGY_SYSTEM_STORAGE_MIN_FREE_SPACE", "2 GiB",
            "IGGY_SYSTEM_STORAGE_FREE_SPACE_CHECK_INTERVAL", "250 ms"));

        assertEquals(new FreeSpaceConfig(2L << 30, Duration.ofMillis(250)), config.freeSpace());
    }

    @Test
    void shouldExposeTransportSectionsThroughKernelConfig() {
        ServerConfig config = loadWithPlugins(Map.of());

        KernelConfig tcp = config.section("tcp");
        assertTrue(tcp.bool("enabled", false));
        assertEquals("127.0.0.1:8090", tcp.string("address", null));
        assertFalse(tcp.bool("tls.enabled", true));
        assertFalse(tcp.section("tls").bool("enabled", true));
        assertEquals(100_000, tcp.bytes("socket.recv_buffer_size", 0));
        assertEquals(Duration.ZERO, tcp.duration("socket.linger", Duration.ofDays(1)));
        assertEquals("fallback", tcp.string("no_such_key", "fallback"));
        assertFalse(tcp.has("no_such_key"));
        assertEquals(List.of("GET", "POST", "PUT", "DELETE"), config.section("http.cors").strings("allowed_methods"));
        assertEquals(Duration.ofHours(1), config.section("http").duration("jwt.access_token_expiry", Duration.ZERO));
        assertFalse(config.section("nothing").has("enabled"));
        assertThrows(IllegalArgumentException.class, () -> tcp.bytes("address", 0));
    }

    @Test
    void shouldOverlayFileFoundInAParentDirectory() throws IOException {
        writeConfig("[tcp]\naddress = \"0.0.0.0:9999\"\n[system.segment]\nsize = \"64 MiB\"\n");
        Path nested = Files.createDirectories(dir.resolve("a/b"));

        ServerConfig config = ClasspathPluginSections.bind(ConfigLoader.load(Map.of(), nested, CORES));

        assertEquals(dir.resolve("configs/server.toml").toAbsolutePath(), config.sourceFile().orElseThrow());
        assertEquals("0.0.0.0:9999", config.section("tcp").string("address", null));
        assertEquals(64L << 20, config.system().segmentSizeBytes());
        assertTrue(config.section("tcp").bool("enabled", false), "keys not in the file keep their defaults");
        assertEquals(nested.resolve("local_data").toAbsolutePath(), config.system().path());
    }

    @Test
    void shouldReadFileNamedByIggyConfigPath() throws IOException {
        Path file = dir.resolve("custom.toml");
        Files.writeString(file, "[heartbeat]\nenabled = true\ninterval = \"2 s\"\n");

        ServerConfig relative = load(Map.of("IGGY_CONFIG_PATH", "custom.toml"));
        ServerConfig absolute = load(Map.of("IGGY_CONFIG_PATH", file.toString()));

        assertEquals(new HeartbeatConfig(true, Duration.ofSeconds(2)), relative.heartbeat());
        assertEquals(new HeartbeatConfig(true, Duration.ofSeconds(2)), absolute.heartbeat());
    }

    @Test
    void shouldFailWhenExplicitConfigPathDoesNotExist() {
        ConfigException error = assertThrows(ConfigException.class,
            () -> load(Map.of("IGGY_CONFIG_PATH", "missing/server.toml")));

        assertTrue(error.getMessage().contains("IGGY_CONFIG_PATH"), error.getMessage());
        assertTrue(error.getMessage().contains("missing/server.toml"), error.getMessage());
    }

    @Test
    void shouldFailOnInvalidToml() throws IOException {
        writeConfig("[tcp\naddress = ");

        ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of()));

        assertTrue(error.getMessage().contains("not valid TOML"), error.getMessage());
    }

    @Test
    void shouldApplyEnvOverridesOfEveryKind() throws IOException {
        writeConfig("[tcp]\naddress = \"10.0.0.1:1\"\n");

        ServerConfig config = loadWithPlugins(Map.of(
            "IGGY_TCP_ADDRESS", "0.0.0.0:8091",
            "IGGY_SYSTEM_SEGMENT_SIZE", "512 MiB",
            "IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC", "true",
            "IGGY_SYSTEM_PARTITION_MESSAGES_REQUIRED_TO_SAVE", "5000",
            "IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2",
            "IGGY_HTTP_CORS_ALLOWED_ORIGINS", "[https://a.example, \"https://b.example\"]",
            "IGGY_HTTP_JWT_TRUSTED_ISSUERS_0_ISSUER", "my-issuer",
            "IGGY_HTTP_JWT_TRUSTED_ISSUERS_0_USER_ID", "7",
            "IGGY_SYSTEM_TOPIC_MAX_SIZE", "10 GiB",
            "IGGY_HEARTBEAT_ENABLED", "TRUE"));

        assertEquals("0.0.0.0:8091", config.section("tcp").string("address", null), "env beats the file");
        assertEquals(512L << 20, config.system().segmentSizeBytes());
        assertTrue(config.system().partitionEnforceFsync());
        assertEquals(5000, config.system().messagesRequiredToSave());
        assertEquals(2, config.system().shardCount());
        assertEquals(List.of("https://a.example", "https://b.example"),
            config.section("http.cors").strings("allowed_origins"));
        assertTrue(config.heartbeat().enabled());
        assertEquals(10L << 30, config.system().topicMaxSizeBytes());
        String toml = config.toToml();
        assertTrue(toml.contains("issuer = \"my-issuer\""), toml);
        assertTrue(toml.contains("user_id = 7"), toml);
    }

    @Test
    void shouldReadIntegerEnvValueForSizeKey() {
        ServerConfig config = load(Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "1048576"));

        assertEquals(1L << 20, config.system().segmentSizeBytes());
    }

    @Test
    void shouldAddArrayElementFromEnv() {
        ServerConfig config = load(Map.of("IGGY_CLUSTER_NODE_OTHERS_1_NAME", "iggy-node-3",
            "IGGY_CLUSTER_NODE_OTHERS_1_IP", "10.0.0.3"));

        String toml = config.toToml();
        assertTrue(toml.contains("name = \"iggy-node-2\""), toml);
        assertTrue(toml.contains("name = \"iggy-node-3\""), toml);
    }

    @Test
    void shouldWarnAboutUnknownIggyVariablesAndSkipNonConfigOnes() {
        ServerConfig config = loadWithPlugins(Map.of(
            "IGGY_TCP_ADRESS", "0.0.0.0:1",
            "IGGY_ROOT_PASSWORD", "secret",
            "IGGY_ROOT_USERNAME", "admin",
            "IGGY_TEST_WHATEVER", "x",
            "IGGY_SYSTEM_PATH", "",
            "PATH", "/usr/bin"));

        assertEquals("127.0.0.1:8090", config.section("tcp").string("address", null));
        assertEquals(dir.resolve("local_data").toAbsolutePath().normalize(), config.system().path(),
            "an empty value is ignored");
        List<String> envWarnings = config.warnings().stream().filter(w -> w.contains("environment variable")).toList();
        assertEquals(1, envWarnings.size(), envWarnings.toString());
        assertTrue(envWarnings.get(0).contains("IGGY_TCP_ADRESS"));
    }

    @Test
    void shouldRejectEnvValueOfWrongType() {
        ConfigException error = assertThrows(ConfigException.class,
            () -> loadWithPlugins(Map.of("IGGY_TCP_ENABLED", "maybe")));

        assertTrue(error.getMessage().contains("tcp.enabled (from IGGY_TCP_ENABLED)"), error.getMessage());
    }

    @Test
    void shouldListEveryBadKeyInOneException() throws IOException {
        writeConfig("[system.segment]\nsize = \"2 GiB\"\n[system.topic]\nmax_size = \"0\"\n"
            + "[tcp]\nenabled = \"yes\"\nadress = \"x\"\n");

        ConfigException error = assertThrows(ConfigException.class, () -> loadWithPlugins(Map.of()));

        String message = error.getMessage();
        assertTrue(message.contains("system.segment.size"), message);
        assertTrue(message.contains("system.topic.max_size"), message);
        assertTrue(message.contains("tcp.enabled: expected true or false"), message);
        assertTrue(message.contains("tcp.adress: unknown key"), message);
        assertEquals(4, error.problems().size(), error.problems().toString());
    }

    @Test
    void shouldRejectSegmentSizeAboveOneGibibyte() {
        ConfigException error = assertThrows(ConfigException.class,
            () -> load(Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "1025 MiB")));

        assertEquals(1, error.problems().size(), error.problems().toString());
        assertTrue(error.problems().get(0).startsWith("system.segment.size:"), error.getMessage());
    }

    @Test
    void shouldRejectSegmentSizeNotAlignedTo512() {
        assertThrows(ConfigException.class, () -> load(Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "1000")));
    }

    @Test
    void shouldRejectServerDefaultTopicLimits() {
        ConfigException maxSize = assertThrows(ConfigException.class,
            () -> load(Map.of("IGGY_SYSTEM_TOPIC_MAX_SIZE", "0")));
        ConfigException expiry = assertThrows(ConfigException.class,
            () -> load(Map.of("IGGY_SYSTEM_TOPIC_MESSAGE_EXPIRY", "server_default")));

        assertTrue(maxSize.getMessage().contains("system.topic.max_size"), maxSize.getMessage());
        assertTrue(maxSize.getMessage().contains("unlimited"), maxSize.getMessage());
        assertTrue(expiry.getMessage().contains("system.topic.message_expiry"), expiry.getMessage());
    }

    @Test
    void shouldRejectTopicMaxSizeBelowSegmentSize() {
        ConfigException error = assertThrows(ConfigException.class,
            () -> load(Map.of("IGGY_SYSTEM_TOPIC_MAX_SIZE", "1 MiB")));

        assertTrue(error.getMessage().contains("at least system.segment.size"), error.getMessage());
    }

    @Test
    void shouldConvertTopicExpiryToMicroseconds() {
        ServerConfig config = load(Map.of("IGGY_SYSTEM_TOPIC_MESSAGE_EXPIRY", "2 days 1 s"));

        assertEquals((2 * 86_400L + 1) * 1_000_000L, config.system().topicMessageExpiryUs());
    }

    @Test
    void shouldRejectZeroThresholdsAndIntervals() {
        ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of(
            "IGGY_SYSTEM_PARTITION_MESSAGES_REQUIRED_TO_SAVE", "0",
            "IGGY_PERSONAL_ACCESS_TOKEN_MAX_TOKENS_PER_USER", "0",
            "IGGY_PERSONAL_ACCESS_TOKEN_CLEANER_INTERVAL", "0",
            "IGGY_DATA_MAINTENANCE_MESSAGES_CLEANER_ENABLED", "true",
            "IGGY_DATA_MAINTENANCE_MESSAGES_INTERVAL", "none")));

        assertEquals(List.of(
            "system.partition.messages_required_to_save: must be at least 1",
            "personal_access_token.max_tokens_per_user: must be greater than 0",
            "personal_access_token.cleaner.interval: must be non-zero when enabled",
            "data_maintenance.messages.interval: must be non-zero when enabled"), error.problems());
    }

    @Test
    void shouldResolveShardCountFromCpuAllocation() {
        assertEquals(2, load(Map.of("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "1..3")).system().shardCount());
        assertEquals(3, load(Map.of("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "3")).system().shardCount());
        assertThrows(ConfigException.class, () -> load(Map.of("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "numa:auto")));
        assertThrows(ConfigException.class, () -> load(Map.of("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "5")));
        assertThrows(ConfigException.class, () -> load(Map.of("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "3..3")));
        assertThrows(ConfigException.class, () -> load(Map.of("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "0")));
    }

    @Test
    void shouldCheckEncryptionKeyWithoutRevealingIt() {
        ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of(
            "IGGY_SYSTEM_ENCRYPTION_ENABLED", "true",
            "IGGY_SYSTEM_ENCRYPTION_KEY", "c2hvcnQta2V5")));

        assertTrue(error.getMessage().contains("system.encryption.key"), error.getMessage());
        assertFalse(error.getMessage().contains("c2hvcnQta2V5"), error.getMessage());
    }

    @Test
    void shouldRejectUnparseableSizesAndDurationsOfPluginKeys() throws IOException {
        writeConfig("[tcp.socket]\nrecv_buffer_size = \"8 parsecs\"\n[http.jwt]\nclock_skew = \"soon\"\n");

        ConfigException error = assertThrows(ConfigException.class, () -> loadWithPlugins(Map.of()));

        assertEquals(2, error.problems().size(), error.problems().toString());
        assertTrue(error.getMessage().contains("tcp.socket.recv_buffer_size"), error.getMessage());
        assertTrue(error.getMessage().contains("http.jwt.clock_skew"), error.getMessage());
    }

    @Test
    void shouldAcceptBareIntegerSizes() throws IOException {
        writeConfig("[tcp.socket]\nrecv_buffer_size = 1048576\n"
            + "[system.partition]\nsize_of_messages_required_to_save = 4096\n");

        ServerConfig config = loadWithPlugins(Map.of());

        assertEquals(1L << 20, config.section("tcp").bytes("socket.recv_buffer_size", 0));
        assertEquals(4096, config.system().sizeOfMessagesRequiredToSaveBytes());
    }

    @Test
    void shouldLoadTheShippedClusterNodeConfigs() {
        for (String node : new String[] {"node1", "node2", "node3"}) {
            Path file = Path.of("../configs/cluster/" + node + ".toml").toAbsolutePath();
            ServerConfig config = loadWithPlugins(Map.of("IGGY_CONFIG_PATH", file.toString()));
            assertTrue(config.section("cluster").bool("enabled", false), node);
            assertEquals(node, config.section("cluster").string("node.current.name", ""));
        }
    }

    @Test
    void shouldStillCheckTheKernelsClusterSection() throws IOException {
        writeConfig("[cluster]\nenabled = true\n[cluster.replication]\nelection_timeout = \"soon\"\nsnapshot = 3\n"
            + "[[cluster.node.others]]\nname = \"b\"\nip = \"127.0.0.1\"\n"
            + "[cluster.node.others.ports]\nreplication = 0\n");

        ConfigException error = assertThrows(ConfigException.class, () -> loadWithPlugins(Map.of()));

        String message = error.getMessage();
        assertTrue(message.contains("cluster.replication.election_timeout"), message);
        assertTrue(message.contains("cluster.replication.snapshot: unknown key"), message);
        assertTrue(message.contains("cluster.node.others.0.ports.replication"), message);
    }

    @Test
    void shouldReadTheUnreachableMemberTimeoutWithItsDefaultAndEnvOverride() {
        assertEquals(Duration.ofSeconds(10), load(Map.of()).section("cluster")
            .duration("unreachable_member_timeout", Duration.ZERO));

        ServerConfig config = load(Map.of("IGGY_CLUSTER_UNREACHABLE_MEMBER_TIMEOUT", "2500 ms"));

        assertEquals(Duration.ofMillis(2500), config.section("cluster").duration("unreachable_member_timeout",
            Duration.ZERO));
    }

    @Test
    void shouldRefuseAnUnreachableMemberTimeoutUnderOneSecondOrUnparseable() throws IOException {
        writeConfig("[cluster]\nenabled = true\nunreachable_member_timeout = \"500 ms\"\n");

        ConfigException tooShort = assertThrows(ConfigException.class, () -> loadWithPlugins(Map.of()));

        assertTrue(tooShort.getMessage().contains("cluster.unreachable_member_timeout: must be at least 1 s"),
            tooShort.getMessage());
        ConfigException unparseable = assertThrows(ConfigException.class,
            () -> loadWithPlugins(Map.of("IGGY_CLUSTER_UNREACHABLE_MEMBER_TIMEOUT", "soon")));
        assertTrue(unparseable.getMessage().contains("cluster.unreachable_member_timeout"), unparseable.getMessage());
    }
}
