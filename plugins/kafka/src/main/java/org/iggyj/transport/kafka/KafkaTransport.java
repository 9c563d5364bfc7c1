package org.iggyj.transport.kafka;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.IoResources;
import org.iggyj.spi.ServerTls;
import org.iggyj.spi.StreamListener;
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
        SslContext ssl = context.tls().map(material -> ServerTls.context("kafka.tls", material)).orElse(null);
        IoResources io = context.io();
        KafkaBroker broker = new KafkaBroker(config, context.dispatcher(), context.dataWaits(), context.sessions(),
                context.allocator(), io.workers().next());
        OpenChannels channels = new OpenChannels();
        StreamListener listener = StreamListener.builder(NAME, context, config.bindAddress())
                .childHandler(new KafkaChannelInitializer(broker, new KafkaApis(), channels, ssl))
                .onClose(channels::closeAll)
                // the group coordinator's timers go once no connection can reach them
                .onClose(timeout -> broker.groups().close())
                .bind();
        broker.advertise((InetSocketAddress) listener.address());
        LOG.info("kafka transport listening on {}{}, Kafka topics in Iggy stream '{}'{}", listener.address(),
                ssl == null ? "" : " with TLS", config.stream(), config.anonymousUsername() == null ? ", SASL/PLAIN required"
                        : ", unauthenticated clients act as user '" + config.anonymousUsername() + "'");
        return listener;
    }
}
