package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.test.MapKernelConfig;
import org.iggyj.spi.test.ShippedSectionCheck;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    @Test
    void shouldDeclareExactlyTheKeysAndDefaultsOfTheShippedServerToml() throws IOException {
        ShippedSectionCheck.assertMatchesShippedConfig(KafkaConfig.SCHEMA);
    }

    @Test
    void shouldReadTheSectionAsTheKernelHandsItOver() {
        MapKernelConfig section = new MapKernelConfig().put("address", "127.0.0.1:0").put("stream", " orders ")
                .put("anonymous_username", "kafka").put("anonymous_password", "secret")
                .put("advertised_address", "broker.example:19092").put("max_request_size", "1 MiB");
        KafkaConfig config = KafkaConfig.from(section);
        assertEquals("orders", config.stream());
        assertEquals("kafka", config.anonymousUsername());
        assertEquals("secret", config.anonymousPassword());
        assertEquals("broker.example", config.advertisedAddress().getHostString());
        assertEquals(19092, config.advertisedAddress().getPort());
        assertEquals(1 << 20, config.maxRequestBytes());
    }

    @Test
    void shouldRequireSaslWhenNoAnonymousUserIsConfigured() {
        KafkaConfig config = KafkaConfig.from(new MapKernelConfig().put("address", "127.0.0.1:0")
                .put("stream", "kafka").put("anonymous_username", "").put("anonymous_password", "")
                .put("advertised_address", "").put("max_request_size", "100 MiB"));
        assertNull(config.anonymousUsername());
        assertNull(config.advertisedAddress());
        assertEquals(104_857_600, config.maxRequestBytes());
    }

    @Test
    void shouldRefuseATinyRequestLimit() {
        MapKernelConfig section = new MapKernelConfig().put("max_request_size", "512 B");
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.from(section));
    }

    @Test
    void shouldMaskTheAnonymousPassword() {
        assertTrue(KafkaConfig.SCHEMA.keys().stream().filter(ConfigKey::isSecret).map(ConfigKey::name)
                .anyMatch("anonymous_password"::equals));
    }
}
