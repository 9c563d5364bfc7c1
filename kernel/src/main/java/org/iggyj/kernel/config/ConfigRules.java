package org.iggyj.kernel.config;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The startup rules of Iggy 0.8 for keys that are not bound into kernel records (plugins read them
 * through {@link org.iggyj.spi.KernelConfig}); checking them here means a plugin never meets an
 * unparseable value. Used once, on the loading thread.
 */
final class ConfigRules {

    private static final long MIN_MEMORY_POOL_BYTES = 512L << 20;
    private static final int MEMORY_POOL_ALIGNMENT = 4096;
    private static final int MIN_BUCKET_CAPACITY = 128;
    private static final int ENCRYPTION_KEY_BYTES = 32;

    private final Map<String, Object> tree;
    private final ConfigBinder reader;
    private final Problems problems;

    ConfigRules(Map<String, Object> tree, ConfigBinder reader, Problems problems) {
        this.tree = tree;
        this.reader = reader;
        this.problems = problems;
    }

    void check(List<String> warnings) {
        checkValueKinds();
        checkMemoryPool();
        checkLogging();
        checkEncryption();
        checkTelemetry();
        checkCluster();
        if (ConfigTree.get(tree, ConfigKeys.ACCESS_TOKEN_EXPIRY) != null && reader.bool(ConfigKeys.HTTP_ENABLED)) {
            try {
                ExpiryAndLimits.expiryUs(reader.text(ConfigKeys.ACCESS_TOKEN_EXPIRY));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.ACCESS_TOKEN_EXPIRY, e.getMessage());
            }
        }
        String algorithm = reader.text(ConfigKeys.COMPRESSION_ALGORITHM);
        if (!algorithm.toLowerCase(Locale.ROOT).equals("none")) {
            warnings.add(ConfigKeys.COMPRESSION_ALGORITHM + " = \"" + algorithm + "\" is not implemented; "
                + "messages are stored as sent");
        }
    }

    private void checkValueKinds() {
        for (String key : ConfigKeys.BYTE_SIZES) {
            if (ConfigTree.get(tree, key) != null) {
                reader.bytes(key);
            }
        }
        for (String key : ConfigKeys.DURATIONS) {
            // A section a plugin declared no longer holds the shipped keys; the plugin's own are checked.
            if (ConfigTree.get(tree, key) != null) {
                reader.duration(key);
            }
        }
    }

    private void checkMemoryPool() {
        String pool = ConfigKeys.MEMORY_POOL;
        if (!reader.bool(pool + ".enabled")) {
            return;
        }
        long size = reader.bytes(pool + ".size");
        if (size < MIN_MEMORY_POOL_BYTES || size % MEMORY_POOL_ALIGNMENT != 0) {
            problems.add(pool + ".size", "must be at least 512 MiB and a multiple of 4096 bytes, got " + size);
        }
        long buckets = reader.integer(pool + ".bucket_capacity");
        if (buckets < MIN_BUCKET_CAPACITY || Long.bitCount(buckets) != 1) {
            problems.add(pool + ".bucket_capacity", "must be a power of two of at least 128, got " + buckets);
        }
    }

    private void checkLogging() {
        String logging = ConfigKeys.LOGGING;
        if (reader.text(logging + ".level").isBlank()) {
            problems.add(logging + ".level", "must not be empty");
        }
        for (String key : List.of(logging + ".retention", logging + ".rotation_check_interval")) {
            if (reader.duration(key).compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(key, "must be at least 1 s");
            }
        }
        long fileSize = reader.bytes(logging + ".max_file_size");
        long totalSize = reader.bytes(logging + ".max_total_size");
        if (totalSize != 0 && fileSize > totalSize) {
            problems.add(logging + ".max_file_size", "must not exceed system.logging.max_total_size");
        }
    }

    private void checkEncryption() {
        if (!reader.bool(ConfigKeys.ENCRYPTION_ENABLED)) {
            return;
        }
        // The reason never quotes the key: it is a secret.
        try {
            if (Base64.getDecoder().decode(reader.text(ConfigKeys.ENCRYPTION_KEY)).length != ENCRYPTION_KEY_BYTES) {
                problems.add(ConfigKeys.ENCRYPTION_KEY, "must be base64 of exactly 32 bytes when encryption is enabled");
            }
        } catch (IllegalArgumentException e) {
            problems.add(ConfigKeys.ENCRYPTION_KEY, "is not valid base64");
        }
    }

    private void checkTelemetry() {
        String telemetry = ConfigKeys.TELEMETRY;
        if (!reader.bool(telemetry + ".enabled")) {
            return;
        }
        for (String key : List.of(".service_name", ".logs.endpoint", ".traces.endpoint")) {
            if (reader.text(telemetry + key).isBlank()) {
                problems.add(telemetry + key, "must not be empty when telemetry is enabled");
            }
        }
    }

    private void checkCluster() {
        String cluster = ConfigKeys.CLUSTER;
        if (!reader.bool(cluster + ".enabled")) {
            return;
        }
        // The leader checks unreachable nodes once a second; shorter would only pretend to be precise.
        String dropTimeout = ConfigKeys.CLUSTER_UNREACHABLE_MEMBER_TIMEOUT;
        if (ConfigTree.get(tree, dropTimeout) != null
                && reader.duration(dropTimeout).compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(dropTimeout, "must be at least 1 s");
        }
        Set<String> names = new HashSet<>();
        for (String key : List.of(cluster + ".name", cluster + ".node.current.name")) {
            if (reader.text(key).isBlank()) {
                problems.add(key, "must not be empty when the cluster is enabled");
            }
        }
        names.add(reader.text(cluster + ".node.current.name"));
        Object others = ConfigTree.get(tree, cluster + ".node.others");
        int count = others instanceof List ? ((List<?>) others).size() : 0;
        for (int i = 0; i < count; i++) {
            String key = cluster + ".node.others." + i + ".name";
            String name = reader.text(key);
            if (name.isBlank()) {
                problems.add(key, "must not be empty when the cluster is enabled");
            } else if (!names.add(name)) {
                problems.add(key, "node name \"" + name + "\" is used twice");
            }
            for (String port : List.of("tcp", "quic", "http", "websocket", "replication")) {
                String portKey = cluster + ".node.others." + i + ".ports." + port;
                if (ConfigTree.get(tree, portKey) != null && reader.integer(portKey) <= 0) {
                    problems.add(portKey, "must be a non-zero port");
                }
            }
        }
    }
}
