package org.example.iggy.line;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;

/**
 * A line-based text protocol over TCP: one command per line, one reply per command (see
 * {@link LineCommands}). Handy with {@code nc} or {@code telnet}.
 *
 * <p>Address: {@code address} in the {@code [line]} config section, else the system property
 * {@code iggyj.line.address}, else {@code 127.0.0.1:8095}. The property wins over both, so a start
 * script can set it through {@code JAVA_OPTS}.
 */
@Extension
public final class LineTransport implements Transport {

    /** Also the plugin id and the config section. */
    public static final String NAME = "line";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint start(TransportContext context) throws Exception {
        String address = System.getProperty("iggyj.line.address",
                context.config().string("address", "127.0.0.1:8095"));
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
