package org.iggyj.spi.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.iggyj.spi.KernelConfig;
import org.junit.jupiter.api.Test;

class MapKernelConfigTest {

    private final MapKernelConfig config = new MapKernelConfig()
            .put("address", "127.0.0.1:0")
            .put("socket.nodelay", "false")
            .put("socket.recv_buffer_size", "100 KB")
            .put("socket.send_buffer_size", "2 MiB")
            .put("socket.linger", "5 s")
            .put("workers", 3)
            .put("hosts", List.of("a", "b"));

    @Test
    void shouldParseTypedValuesWhenPresent() {
        assertEquals("127.0.0.1:0", config.string("address", "x"));
        assertFalse(config.bool("socket.nodelay", true));
        assertEquals(100_000L, config.bytes("socket.recv_buffer_size", 0));
        assertEquals(2L << 20, config.bytes("socket.send_buffer_size", 0));
        assertEquals(Duration.ofSeconds(5), config.duration("socket.linger", Duration.ZERO));
        assertEquals(3L, config.integer("workers", 0));
        assertEquals(List.of("a", "b"), config.strings("hosts"));
    }

    @Test
    void shouldReturnDefaultsWhenAbsent() {
        assertTrue(config.bool("ipv6", true));
        assertEquals(7L, config.bytes("nope", 7));
        assertEquals(List.of(), config.strings("nope"));
    }

    @Test
    void shouldViewSectionsByPrefix() {
        KernelConfig socket = config.section("socket");
        assertTrue(socket.has("nodelay"));
        assertFalse(socket.has("address"));
        assertEquals(Duration.ofSeconds(5), socket.duration("linger", Duration.ZERO));
    }

    @Test
    void shouldRejectMalformedValues() {
        config.put("bad", "maybe");
        assertThrows(IllegalArgumentException.class, () -> config.bool("bad", false));
        assertThrows(IllegalArgumentException.class, () -> config.integer("bad", 0));
        assertThrows(IllegalArgumentException.class, () -> config.bytes("bad", 0));
    }
}
