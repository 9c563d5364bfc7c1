package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAddressTest {

    @Test
    void shouldParseACommaListInOrderWithoutBlanksOrDuplicates() {
        assertEquals(List.of(new NodeAddress("h1", 8090), new NodeAddress("10.0.0.2", 8190),
                new NodeAddress("::1", 8290)), NodeAddress.parseList(" h1:8090, 10.0.0.2:8190,,[::1]:8290,h1:8090 "));
    }

    @Test
    void shouldPrintAnIpv6HostInBrackets() {
        assertEquals("[::1]:8090", NodeAddress.parse("[::1]:8090").toString());
        assertEquals("h:1", NodeAddress.parse("h:1").toString());
    }

    @Test
    void shouldNameTheBadAddressWhenItIsNotHostColonPort() {
        assertEquals("address 'nohost' is not HOST:PORT",
                assertThrows(IllegalArgumentException.class, () -> NodeAddress.parseList("h:1,nohost")).getMessage());
        assertEquals("address 'h:x' has no numeric port",
                assertThrows(IllegalArgumentException.class, () -> NodeAddress.parse("h:x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeAddress.parse("h:70000"));
        assertThrows(IllegalArgumentException.class, () -> NodeAddress.parseList(" , "));
    }
}
