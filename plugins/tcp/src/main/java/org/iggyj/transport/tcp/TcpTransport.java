package org.iggyj.transport.tcp;

import java.util.List;
import org.iggyj.spi.BindAddress;
import org.iggyj.spi.ConfigSchema;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.StreamListener;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP transport extension: Iggy's binary protocol on a Netty server socket, bound on the
 * kernel's event loops with the channel class it picked (native epoll where available).
 *
 * <p>Reads from its {@code [tcp]} section: {@code address} (default {@value #DEFAULT_ADDRESS}),
 * {@code ipv6}, and {@code socket.*} (see {@link TcpSocketOptions}). TLS is on when the kernel hands
 * it {@link TransportContext#tls() material} ({@code tls.*} keys, read by the kernel).
 *
 * <p>Stateless, as every extension: {@link #start} is called once, from the kernel's startup
 * thread, and everything it creates belongs to the returned endpoint.
 */
@Extension
public final class TcpTransport implements Transport {

    /** The most [tcp] max_in_flight_sends may be. */
    static final int MAX_IN_FLIGHT_SENDS_LIMIT = 64;

    /** The transport name, plugin id and config section. */
    public static final String NAME = "tcp";
    /** Iggy 0.8's default listener address. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8090";

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(TcpConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint start(TransportContext context) throws InterruptedException {
        KernelConfig config = context.config();
        SslContext ssl = context.tls().map(material -> ServerTls.context("tcp.tls", material)).orElse(null);
        InetSocketAddress bindAddress = BindAddress.parse("tcp", config.get(TcpConfig.ADDRESS), config.get(TcpConfig.IPV6));
        int maxInFlightSends = maxInFlightSends(config.get(TcpConfig.MAX_IN_FLIGHT_SENDS));
        OpenConnections connections = new OpenConnections();
        StreamListener listener = StreamListener.builder(NAME, context, bindAddress)
                .childHandler(new TcpChannelInitializer(context, connections, ssl, maxInFlightSends))
                .configure(bootstrap -> TcpSocketOptions.apply(config.section("socket"), bootstrap))
                // each connection is told error 8 (Disconnected) before it is closed
                .onClose(connections::disconnectAll)
                .bind();
        LOG.info("tcp transport listening on {}{}", listener.address(),
                ssl == null ? "" : " with TLS on the " + ServerTls.engineDescription());
        return listener;
    }

    /** Bounded so one connection's sends in flight hold at most that many request frames of memory. */
    static int maxInFlightSends(long configured) {
        if (configured < 1 || configured > MAX_IN_FLIGHT_SENDS_LIMIT) {
            throw new IllegalArgumentException("[tcp] max_in_flight_sends must be between 1 and "
                    + MAX_IN_FLIGHT_SENDS_LIMIT + ": " + configured);
        }
        return (int) configured;
    }
}
