package org.iggyj.transport.tcp;

import java.util.List;
import org.iggyj.spi.BindAddress;
import org.iggyj.spi.ConfigSchema;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.IoResources;
import org.iggyj.spi.KernelConfig;
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
        SslContext ssl = context.tls().map(ServerSsl::context).orElse(null);
        InetSocketAddress bindAddress = BindAddress.parse("tcp", config.get(TcpConfig.ADDRESS), config.get(TcpConfig.IPV6));
        IoResources io = context.io();
        OpenConnections connections = new OpenConnections();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(io.acceptors(), io.workers())
                .channel(io.serverChannelClass())
                // A restarted server must be able to bind while old connections sit in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .childOption(ChannelOption.ALLOCATOR, context.allocator())
                .childHandler(new TcpChannelInitializer(context, connections, ssl));
        TcpSocketOptions.apply(config.section("socket"), bootstrap);
        Channel serverChannel = bootstrap.bind(bindAddress).sync().channel();
        LOG.info("tcp transport listening on {}{}", serverChannel.localAddress(),
                ssl == null ? "" : " with TLS on the " + ServerSsl.engineDescription());
        return new TcpEndpoint(serverChannel, connections);
    }
}
