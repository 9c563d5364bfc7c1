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
    void sendsLoopbackSizedDatagramsOnlyOnALoopbackListener() {
        InetSocketAddress loopback = QuicTransport.bindAddress("127.0.0.1:0");
        InetSocketAddress loopback6 = QuicTransport.bindAddress("[::1]:0");
        InetSocketAddress anyAddress = QuicTransport.bindAddress("0.0.0.0:0");
        assertEquals(QuicTransport.LOOPBACK_UDP_PAYLOAD, QuicTransport.sendUdpPayload(8_000, loopback));
        assertEquals(QuicTransport.LOOPBACK_UDP_PAYLOAD, QuicTransport.sendUdpPayload(8_000, loopback6));
        assertEquals(8_000, QuicTransport.sendUdpPayload(8_000, anyAddress));
        // initial_mtu stays within QUIC's minimum and what one UDP datagram carries
        assertEquals(1_200, QuicTransport.sendUdpPayload(500, anyAddress));
        assertEquals(65_527, QuicTransport.sendUdpPayload(1 << 20, anyAddress));
        assertEquals(65_527, QuicTransport.sendUdpPayload(1 << 20, loopback));
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
