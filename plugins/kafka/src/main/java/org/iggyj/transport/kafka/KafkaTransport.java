package org.iggyj.transport.kafka;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.IoResources;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka transport extension: the Kafka wire protocol on a Netty server socket, on the kernel's
 * event loops, talking to the kernel only through the SPI (Iggy commands through the dispatcher,
 * sessions, and {@link org.iggyj.spi.DataWaits} for Fetch's long poll).
 *
 * <p>Reads its {@code [kafka]} section (see {@link KafkaConfig}); TLS is on when the kernel hands it
 * {@link TransportContext#tls() material} ({@code [kafka.tls]}, read by the kernel). Stateless, as every extension:
 * {@link #start} is called once and everything it creates belongs to the returned endpoint.
 */
@Extension
public final class KafkaTransport implements Transport {

    /** The transport name, plugin id and config section. */
    public static final String NAME = "kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransport.class);

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(KafkaConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint start(TransportContext context) throws InterruptedException {
        KafkaConfig config = KafkaConfig.from(context.config());
        SslContext ssl = context.tls().map(ServerSsl::context).orElse(null);
        IoResources io = context.io();
        KafkaBroker broker = new KafkaBroker(config, context.dispatcher(), context.dataWaits(), context.sessions(),
                context.allocator(), io.workers().next());
        OpenChannels channels = new OpenChannels();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(io.acceptors(), io.workers())
                .channel(io.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, context.allocator())
                .childOption(ChannelOption.ALLOCATOR, context.allocator())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new KafkaChannelInitializer(broker, new KafkaApis(), channels, ssl));
        Channel serverChannel = bootstrap.bind(config.bindAddress()).sync().channel();
        broker.advertise((InetSocketAddress) serverChannel.localAddress());
        LOG.info("kafka transport listening on {}{}, Kafka topics in Iggy stream '{}'{}", serverChannel.localAddress(),
                ssl == null ? "" : " with TLS", config.stream(), config.anonymousUsername() == null ? ", SASL/PLAIN required"
                        : ", unauthenticated clients act as user '" + config.anonymousUsername() + "'");
        return new KafkaEndpoint(serverChannel, channels, broker);
    }
}
