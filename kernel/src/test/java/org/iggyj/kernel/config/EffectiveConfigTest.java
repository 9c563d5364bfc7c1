package org.iggyj.kernel.config;

import com.electronwill.nightconfig.toml.TomlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveConfigTest {

    private static final String KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    @TempDir
    Path dir;

    @Test
    void shouldRenderTomlThatParsesBackToTheSameTree() {
        ServerConfig config = ClasspathPluginSections.bind(ConfigLoader.load(Map.of(), dir, 2));

        Map<String, Object> reparsed = ConfigTree.fromConfig(new TomlParser().parse(config.toToml()));

        Map<String, Object> shipped = ConfigLoader.defaults();
        // Their plugins are not on the kernel's test class path, so no one declares these sections.
        shipped.keySet().removeAll(java.util.Set.of("quic", "websocket", "console"));
        assertEquals(shipped, reparsed);
    }

    @Test
    void shouldMaskSecrets() {
        // [http] is the http plugin's: its secrets are masked once the plugin has declared them.
        ServerConfig config = ClasspathPluginSections.bind(ConfigLoader.load(Map.of(
            "IGGY_SYSTEM_ENCRYPTION_ENABLED", "true",
            "IGGY_SYSTEM_ENCRYPTION_KEY", KEY,
            "IGGY_HTTP_JWT_ENCODING_SECRET", "top-secret-value"), dir, 2));

        String toml = config.toToml();

        assertFalse(toml.contains(KEY), toml);
        assertFalse(toml.contains("top-secret-value"), toml);
        assertTrue(toml.contains("key = \"******\""), toml);
        assertTrue(toml.contains("decoding_secret = \"\""), "unset secrets stay visibly empty");
        assertEquals(32, config.system().encryption().key().length);
        assertFalse(config.system().toString().contains(KEY));
    }

    @Test
    void shouldShowOverriddenValuesSuchAsBoundAddresses() {
        ServerConfig config = ClasspathPluginSections.bind(
            ConfigLoader.load(Map.of("IGGY_TCP_ADDRESS", "127.0.0.1:0"), dir, 2));

        String toml = config.toToml(Map.of("tcp.address", "127.0.0.1:41234"));

        Map<String, Object> reparsed = ConfigTree.fromConfig(new TomlParser().parse(toml));
        assertEquals("127.0.0.1:41234", ConfigTree.get(reparsed, "tcp.address"));
        assertEquals("127.0.0.1:0", config.section("tcp").string("address", null), "the config itself is unchanged");
    }

    @Test
    void shouldHaveEveryIggy08KeyInTheBuiltInDefaults() {
        Map<String, Object> defaults = ConfigLoader.defaults();

        for (String key : new String[] {
            "system.backup.compatibility.path", "system.state.max_file_operation_retries", "system.state.retry_delay",
            "system.compression.allow_override", "system.segment.archive_expired", "system.recovery.recreate_missing_state",
            "system.memory_pool.bucket_capacity", "message_saver.enforce_fsync", "tcp.socket_migration",
            "tcp.socket.linger", "quic.certificate.self_signed", "quic.socket.keepalive", "http.web_ui",
            "http.cors.allow_private_network", "http.jwt.use_base64_secret", "http.metrics.endpoint",
            "http.tls.key_file", "websocket.tls.self_signed", "telemetry.traces.endpoint",
            "cluster.node.current.ip"}) {
            assertTrue(ConfigTree.get(defaults, key) != null, key);
        }
        assertEquals("all", ConfigTree.get(defaults, "system.sharding.cpu_allocation"));
        assertEquals(8093L, ConfigTree.get(defaults, "cluster.node.others.0.ports.websocket"));
        assertEquals("test-issuer", ConfigTree.get(defaults, "http.jwt.trusted_issuers.0.issuer"));
    }
}
