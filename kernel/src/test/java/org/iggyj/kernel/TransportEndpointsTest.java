package org.iggyj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.junit.jupiter.api.Test;

/**
 * Transports started in order, disabled ones skipped, a second transport of the same name refused, bound
 * addresses reported, and every endpoint closed last-started first even when one fails to close.
 */
class TransportEndpointsTest {

    private final List<String> events = new ArrayList<>();
    private final TransportEndpoints endpoints = new TransportEndpoints();

    @Test
    void shouldStartEnabledTransportsInOrderAndCloseThemInReverseEvenWhenOneFailsToClose() {
        endpoints.start(List.of(transport("tcp", 1001, false), transport("quic", 1002, true),
                transport("http", 1003, false)), null, name -> !name.equals("quic"), name -> null);

        assertEquals(List.of("start tcp", "start http"), events);
        assertEquals(1001, endpoints.address("tcp").getPort());
        assertNull(endpoints.address("quic"), "disabled: not started");
        assertEquals(List.of("tcp", "http"), List.copyOf(endpoints.bound().keySet()));

        endpoints.close();
        assertEquals(List.of("start tcp", "start http", "close http", "close tcp"), events);
    }

    @Test
    void shouldRefuseASecondTransportOfTheSameName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> endpoints.start(
                List.of(transport("tcp", 1001, false), transport("tcp", 1002, false)), null, name -> true, name -> null));
        assertTrue(e.getMessage().contains("two transports are named 'tcp'"), e.getMessage());
        endpoints.close();
        assertEquals(List.of("start tcp", "close tcp"), events, "the first one started and is closed");
    }

    @Test
    void shouldReportATransportThatFailsToStart() {
        Transport failing = new Transport() {
            @Override
            public String name() {
                return "ws";
            }

            @Override
            public Endpoint start(TransportContext context) throws Exception {
                throw new java.io.IOException("port taken");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> endpoints.start(List.of(failing), null, name -> true, name -> null));
        assertEquals("transport ws failed to start: port taken", e.getMessage());
        assertEquals(Map.of(), endpoints.bound());
        assertEquals(Set.of(), Set.copyOf(events));
    }

    private Transport transport(String name, int port, boolean failsToClose) {
        return new Transport() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Endpoint start(TransportContext context) {
                events.add("start " + name);
                return new Endpoint() {
                    @Override
                    public SocketAddress address() {
                        return new InetSocketAddress("127.0.0.1", port);
                    }

                    @Override
                    public void close() {
                        events.add("close " + name);
                        if (failsToClose) {
                            throw new IllegalStateException("stuck");
                        }
                    }
                };
            }
        };
    }
}
