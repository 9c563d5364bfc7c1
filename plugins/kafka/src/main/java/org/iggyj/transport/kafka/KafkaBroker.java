package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.DataWaits;
import org.iggyj.spi.Sessions;

/**
 * What every connection of one listener shares: the kernel's services, the configuration, the
 * address clients are told to use, the group coordinator and the producer state. Its own fields are
 * immutable after {@link #advertise}; the shared parts guard themselves.
 */
final class KafkaBroker {

    /** The one node id this broker has in Metadata and FindCoordinator. */
    static final int NODE_ID = 0;
    /** The cluster id reported in Metadata. */
    static final String CLUSTER_ID = "iggyj-kafka";

    private final KafkaConfig config;
    private final CommandDispatcher dispatcher;
    private final DataWaits dataWaits;
    private final Sessions sessions;
    private final ByteBufAllocator alloc;
    private final Identifier stream;
    private final GroupCoordinator groups;
    private final ProducerState producers = new ProducerState();
    private final AnonymousLogin anonymousLogin = new AnonymousLogin();
    private volatile InetSocketAddress advertised;

    KafkaBroker(KafkaConfig config, CommandDispatcher dispatcher, DataWaits dataWaits, Sessions sessions,
                ByteBufAllocator alloc, EventExecutor timer) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.dataWaits = dataWaits;
        this.sessions = sessions;
        this.alloc = alloc;
        this.stream = Identifier.named(config.stream());
        this.groups = new GroupCoordinator(timer);
    }

    /** Records the address Metadata advertises: the configured one, else the bound one. */
    void advertise(InetSocketAddress bound) {
        InetSocketAddress configured = config.advertisedAddress();
        advertised = configured != null ? configured : bound;
    }

    String host() {
        InetSocketAddress a = advertised;
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    int port() {
        return advertised.getPort();
    }

    KafkaConfig config() {
        return config;
    }

    CommandDispatcher dispatcher() {
        return dispatcher;
    }

    DataWaits dataWaits() {
        return dataWaits;
    }

    Sessions sessions() {
        return sessions;
    }

    ByteBufAllocator alloc() {
        return alloc;
    }

    /** @return the Iggy stream holding the Kafka topics */
    Identifier stream() {
        return stream;
    }

    GroupCoordinator groups() {
        return groups;
    }

    ProducerState producers() {
        return producers;
    }

    /** @return the shared verification of {@code anonymous_username}'s credentials */
    AnonymousLogin anonymousLogin() {
        return anonymousLogin;
    }
}
