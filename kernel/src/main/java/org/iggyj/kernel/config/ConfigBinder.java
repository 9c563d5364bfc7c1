package org.iggyj.kernel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static org.iggyj.kernel.config.ConfigKeys.CACHE_INDEXES;
import static org.iggyj.kernel.config.ConfigKeys.CONSUMER_GROUP;
import static org.iggyj.kernel.config.ConfigKeys.DEDUP_ENABLED;
import static org.iggyj.kernel.config.ConfigKeys.DEDUP_EXPIRY;
import static org.iggyj.kernel.config.ConfigKeys.DEDUP_MAX_ENTRIES;
import static org.iggyj.kernel.config.ConfigKeys.ENCRYPTION_ENABLED;
import static org.iggyj.kernel.config.ConfigKeys.ENCRYPTION_KEY;
import static org.iggyj.kernel.config.ConfigKeys.HEARTBEAT;
import static org.iggyj.kernel.config.ConfigKeys.LOGGING;
import static org.iggyj.kernel.config.ConfigKeys.MAX_SEND_PAYLOAD_SIZE;
import static org.iggyj.kernel.config.ConfigKeys.MESSAGES_REQUIRED_TO_SAVE;
import static org.iggyj.kernel.config.ConfigKeys.MESSAGE_CLEANER;
import static org.iggyj.kernel.config.ConfigKeys.MESSAGE_SAVER;
import static org.iggyj.kernel.config.ConfigKeys.PARTITION_ENFORCE_FSYNC;
import static org.iggyj.kernel.config.ConfigKeys.PARTITION_PATH;
import static org.iggyj.kernel.config.ConfigKeys.PAT;
import static org.iggyj.kernel.config.ConfigKeys.RUNTIME_PATH;
import static org.iggyj.kernel.config.ConfigKeys.SEGMENT_SIZE;
import static org.iggyj.kernel.config.ConfigKeys.SIZE_REQUIRED_TO_SAVE;
import static org.iggyj.kernel.config.ConfigKeys.STATE_ENFORCE_FSYNC;
import static org.iggyj.kernel.config.ConfigKeys.STREAM_PATH;
import static org.iggyj.kernel.config.ConfigKeys.SYSTEM_PATH;
import static org.iggyj.kernel.config.ConfigKeys.TOPIC_MAX_SIZE;
import static org.iggyj.kernel.config.ConfigKeys.TOPIC_MESSAGE_EXPIRY;
import static org.iggyj.kernel.config.ConfigKeys.TOPIC_PATH;
import static org.iggyj.kernel.config.ConfigKeys.VALIDATE_CHECKSUM;

/**
 * Turns the merged tree into the typed {@code *Config} records, checking each value as it is read
 * and the rules that tie a record's fields together. Every problem goes to {@link Problems}; a bad
 * value is replaced by a harmless stand-in so binding continues and all problems are found in one
 * pass. Used once, on the loading thread.
 */
final class ConfigBinder {

    static final long MAX_SEGMENT_SIZE_BYTES = 1L << 30;
    static final int SEGMENT_SIZE_ALIGNMENT = 512;

    private final ConfigSection root;
    private final Problems problems;

    ConfigBinder(ConfigSection root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    SystemConfig system(Path workingDir, int availableCores) {
        Path path = workingDir.resolve(text(SYSTEM_PATH)).toAbsolutePath().normalize();
        long segmentSize = bytes(SEGMENT_SIZE);
        if (segmentSize > MAX_SEGMENT_SIZE_BYTES || segmentSize % SEGMENT_SIZE_ALIGNMENT != 0 || segmentSize == 0) {
            problems.add(SEGMENT_SIZE, "must be a non-zero multiple of 512 bytes and at most 1 GiB, got " + segmentSize);
        }
        long topicMaxSize = read(() -> ExpiryAndLimits.topicMaxSizeBytes(text(TOPIC_MAX_SIZE)), TOPIC_MAX_SIZE, 0L);
        if (topicMaxSize != SystemConfig.UNLIMITED && topicMaxSize > 0 && topicMaxSize < segmentSize) {
            problems.add(TOPIC_MAX_SIZE, "must be at least system.segment.size (" + segmentSize + " bytes)");
        }
        long expiryUs = read(() -> ExpiryAndLimits.expiryUs(text(TOPIC_MESSAGE_EXPIRY)), TOPIC_MESSAGE_EXPIRY, 0L);
        long messagesToSave = integer(MESSAGES_REQUIRED_TO_SAVE);
        if (messagesToSave < 1) {
            problems.add(MESSAGES_REQUIRED_TO_SAVE, "must be at least 1");
        }
        long maxSendPayload = bytes(MAX_SEND_PAYLOAD_SIZE);
        if (maxSendPayload < 1 || maxSendPayload > Integer.MAX_VALUE) {
            problems.add(MAX_SEND_PAYLOAD_SIZE, "must be between 1 byte and 2 GiB - 1");
        }
        int shards = read(() -> ShardAllocation.shardCount(text(ConfigKeys.CPU_ALLOCATION), availableCores),
            ConfigKeys.CPU_ALLOCATION, 1);
        CacheIndexes cacheIndexes = read(() -> CacheIndexes.parse(text(CACHE_INDEXES)), CACHE_INDEXES,
            CacheIndexes.OPEN_SEGMENT);
        return new SystemConfig(path, path.resolve(text(RUNTIME_PATH)), path.resolve(text(STREAM_PATH)),
            text(TOPIC_PATH), text(PARTITION_PATH), segmentSize, cacheIndexes, bool(PARTITION_ENFORCE_FSYNC),
            bool(VALIDATE_CHECKSUM), messagesToSave, bytes(SIZE_REQUIRED_TO_SAVE), maxSendPayload, shards,
            topicMaxSize, expiryUs, bool(STATE_ENFORCE_FSYNC), bool(DEDUP_ENABLED), integer(DEDUP_MAX_ENTRIES),
            duration(DEDUP_EXPIRY), new EncryptionConfig(bool(ENCRYPTION_ENABLED), text(ENCRYPTION_KEY)));
    }

    LoggingConfig logging(Path systemPath) {
        return new LoggingConfig(systemPath.resolve(text(LOGGING + ".path")), text(LOGGING + ".level"),
            bool(LOGGING + ".file_enabled"), bytes(LOGGING + ".max_file_size"), bytes(LOGGING + ".max_total_size"),
            duration(LOGGING + ".rotation_check_interval"), duration(LOGGING + ".retention"),
            duration(LOGGING + ".sysinfo_print_interval"));
    }

    HeartbeatConfig heartbeat() {
        boolean enabled = bool(HEARTBEAT + ".enabled");
        return new HeartbeatConfig(enabled, nonZeroWhen(enabled, HEARTBEAT + ".interval"));
    }

    AuthConfig auth() {
        String a = ConfigKeys.AUTH + ".";
        int threads = positiveInt(a + "hashing_threads", true);
        Duration throttle = nonZeroWhen(true, a + "throttle");
        Duration maxThrottle = duration(a + "max_throttle");
        if (maxThrottle.compareTo(throttle) < 0) {
            problems.add(a + "max_throttle", "must be at least auth.throttle");
        }
        return new AuthConfig(positiveInt(a + "max_failures_per_source", false),
            positiveInt(a + "max_failures_per_user", false), throttle, maxThrottle,
            nonZeroWhen(true, a + "failure_window"), duration(a + "refusal_delay"),
            threads == 0 ? AuthConfig.defaultHashingThreads() : threads,
            positiveInt(a + "max_pending_suspect_logins", true),
            positiveInt(a + "max_unauthenticated_connections_per_source", false),
            positiveInt(a + "max_unauthenticated_connections", false), duration(a + "login_timeout"),
            duration(a + "verified_password_ttl"));
    }

    private int positiveInt(String key, boolean zeroAllowed) {
        long value = integer(key);
        if (value < (zeroAllowed ? 0 : 1) || value > Integer.MAX_VALUE) {
            problems.add(key, zeroAllowed ? "must be 0 or more" : "must be at least 1");
            return 1;
        }
        return (int) value;
    }

    PatConfig personalAccessToken() {
        long maxTokens = integer(PAT + ".max_tokens_per_user");
        if (maxTokens < 1 || maxTokens > Integer.MAX_VALUE) {
            problems.add(PAT + ".max_tokens_per_user", "must be greater than 0");
        }
        boolean cleaner = bool(PAT + ".cleaner.enabled");
        return new PatConfig((int) Math.max(0, Math.min(maxTokens, Integer.MAX_VALUE)), cleaner,
            nonZeroWhen(cleaner, PAT + ".cleaner.interval"));
    }

    MessageSaverConfig messageSaver() {
        boolean enabled = bool(MESSAGE_SAVER + ".enabled");
        // Iggy 0.8 never calls its saver-interval check; a zero period cannot be scheduled, so we do.
        return new MessageSaverConfig(enabled, nonZeroWhen(enabled, MESSAGE_SAVER + ".interval"));
    }

    DataMaintenanceConfig dataMaintenance() {
        boolean enabled = bool(MESSAGE_CLEANER + ".cleaner_enabled");
        return new DataMaintenanceConfig(enabled, nonZeroWhen(enabled, MESSAGE_CLEANER + ".interval"));
    }

    ConsumerGroupConfig consumerGroup() {
        return new ConsumerGroupConfig(duration(CONSUMER_GROUP + ".rebalancing_timeout"),
            nonZeroWhen(true, CONSUMER_GROUP + ".rebalancing_check_interval"));
    }

    FreeSpaceConfig freeSpace() {
        return new FreeSpaceConfig(bytes(ConfigKeys.MIN_FREE_SPACE),
            nonZeroWhen(true, ConfigKeys.FREE_SPACE_CHECK_INTERVAL));
    }

    DeploymentProfile profile() {
        return read(() -> DeploymentProfile.parse(text(DeploymentProfile.KEY)), DeploymentProfile.KEY,
            DeploymentProfile.FULL);
    }

    private Duration nonZeroWhen(boolean enabled, String key) {
        Duration value = duration(key);
        if (enabled && value.isZero()) {
            problems.add(key, "must be non-zero when enabled");
        }
        return value;
    }

    String text(String key) {
        return read(() -> root.string(key, ""), key, "");
    }

    boolean bool(String key) {
        return read(() -> root.bool(key, false), key, false);
    }

    long integer(String key) {
        return read(() -> root.integer(key, 0), key, 0L);
    }

    long bytes(String key) {
        return read(() -> root.bytes(key, 0), key, 0L);
    }

    Duration duration(String key) {
        return read(() -> root.duration(key, Duration.ZERO), key, Duration.ZERO);
    }

    private <T> T read(Supplier<T> reader, String key, T standIn) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith(key + ":")) {
                problems.add(e);
            } else {
                problems.add(key, message == null ? "invalid value" : message);
            }
            return standIn;
        }
    }
}
