package org.example.iggy.line;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;

/**
 * A line-based text protocol over TCP: one command per line, one reply per command (see
 * {@link LineCommands}). Handy with {@code nc} or {@code telnet}.
 *
 * <p>Owns the {@code [line]} section of {@code server.toml}: {@code enabled} and {@code address}
 * (default {@code 127.0.0.1:8095}). The kernel checks it, applies {@code IGGY_LINE_ADDRESS}, shows it
 * in {@code runtime/current_config.toml} and hands it over as {@link TransportContext#config()}.
 */
@Extension
public final class LineTransport implements Transport {

    /** Also the plugin id and the config section. */
    public static final String NAME = "line";
    /** {@code [line] address}: where to listen. */
    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", "127.0.0.1:8095");
    /** The whole section; the kernel reads {@code enabled} itself. */
    static final ConfigSchema SCHEMA = ConfigSchema.of(NAME, ConfigKey.bool("enabled", true), ADDRESS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(SCHEMA);
    }

    @Override
    public Endpoint start(TransportContext context) throws Exception {
        String address = context.config().get(ADDRESS);
        int colon = address.lastIndexOf(':');
        InetSocketAddress bind = new InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
        // Event loops and the channel class come from the kernel: a transport starts no threads.
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(context.io().acceptors(), context.io().workers())
                .channel(context.io().serverChannelClass())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LineHandler(context.dispatcher(), context.sessions()));
                    }
                });
        Channel server = bootstrap.bind(bind).sync().channel();
        SocketAddress bound = server.localAddress();
        return new Endpoint() {
            @Override
            public SocketAddress address() {
                return bound;
            }

            @Override
            public void close() {
                server.close().awaitUninterruptibly();
            }
        };
    }
}
