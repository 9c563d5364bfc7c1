package org.iggyj.transport.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.ServiceLoader;
import org.iggyj.spi.Transport;
import org.iggyj.spi.test.FakeTransportContext;
import org.junit.jupiter.api.Test;

class QuicTransportTest {

    @Test
    void parsesTheBindAddress() {
        assertEquals(new InetSocketAddress("127.0.0.1", 8080), QuicTransport.bindAddress("127.0.0.1:8080"));
        assertEquals(0, QuicTransport.bindAddress("[::1]:0").getPort());
        assertThrows(IllegalArgumentException.class, () -> QuicTransport.bindAddress("nowhere"));
    }

    @Test
    void refusesToStartWithoutTlsMaterial() {
        assertThrows(IllegalStateException.class, () -> new QuicTransport().start(new FakeTransportContext()));
    }

    @Test
    void isDiscoverableThroughServiceLoader() {
        List<String> names = ServiceLoader.load(Transport.class).stream().map(p -> p.get().name()).toList();
        assertEquals(List.of(QuicTransport.NAME), names);
    }
}
