package org.example.iggy.line;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.util.List;
import org.iggyj.spi.BindAddress;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.StreamListener;
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
        InetSocketAddress bind = BindAddress.parse(NAME, context.config().get(ADDRESS), false);
        // Event loops, channel class and allocator come from the kernel: a transport starts no threads.
        return StreamListener.builder(NAME, context, bind)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LineHandler(context.dispatcher(), context.sessions()));
                    }
                })
                .bind();
    }
}
