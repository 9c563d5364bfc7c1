package org.iggyj.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class BindAddressTest {

    @Test
    void shouldParseIpv4HostAndPort() {
        InetSocketAddress address = BindAddress.parse("tcp", "127.0.0.1:8090", false);
        assertEquals("127.0.0.1", address.getAddress().getHostAddress());
        assertEquals(8090, address.getPort());
    }

    @Test
    void shouldParseBracketedIpv6() {
        InetSocketAddress address = BindAddress.parse("tcp", "[::1]:0", true);
        assertEquals(16, address.getAddress().getAddress().length);
        assertEquals(0, address.getPort());
    }

    @Test
    void shouldMapIpv4DefaultsToIpv6WhenIpv6IsOn() {
        assertEquals(16, BindAddress.parse("tcp", "127.0.0.1:8090", true).getAddress().getAddress().length);
        assertEquals(16, BindAddress.parse("tcp", "0.0.0.0:8090", true).getAddress().getAddress().length);
    }

    @Test
    void shouldRejectMalformedAddresses() {
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse("tcp", "127.0.0.1", false));
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse("tcp", "127.0.0.1:http", false));
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse("tcp", "127.0.0.1:70000", false));
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse("tcp", "10.1.2.3:1", true));
    }
}
