package org.iggyj.transport.kafka;

import java.net.InetSocketAddress;
import org.iggyj.spi.KernelConfig;

/**
 * The {@code [kafka]} section, read once at start. Immutable.
 *
 * @param bindAddress        where to listen ({@code address}, default {@value #DEFAULT_ADDRESS})
 * @param advertisedAddress  what Metadata and FindCoordinator tell clients to connect to
 *                           ({@code advertised_address}); null to advertise the bound address
 * @param stream             the Iggy stream holding one Iggy topic per Kafka topic ({@code stream})
 * @param anonymousUsername  the Iggy user that connections without SASL run as
 *                           ({@code anonymous_username}); null when SASL is required
 * @param anonymousPassword  that user's password ({@code anonymous_password})
 * @param maxRequestBytes    the largest request frame accepted ({@code max_request_size}); larger
 *                           ones close the connection, as a Kafka broker does
 */
record KafkaConfig(InetSocketAddress bindAddress, InetSocketAddress advertisedAddress, String stream,
                   String anonymousUsername, String anonymousPassword, int maxRequestBytes) {

    /** Kafka's default listener address, on loopback as every iggyj default. */
    static final String DEFAULT_ADDRESS = "127.0.0.1:9092";
    /** The default stream holding Kafka topics. */
    static final String DEFAULT_STREAM = "kafka";
    /** Kafka's own default for {@code socket.request.max.bytes}. */
    static final long DEFAULT_MAX_REQUEST_BYTES = 104_857_600;

    static KafkaConfig from(KernelConfig config) {
        String advertised = config.string("advertised_address", "").trim();
        String anonymous = config.string("anonymous_username", "").trim();
        long maxRequest = config.bytes("max_request_size", DEFAULT_MAX_REQUEST_BYTES);
        if (maxRequest < 1024 || maxRequest > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("[kafka] max_request_size must be 1 KiB..2 GiB, got " + maxRequest);
        }
        String stream = config.string("stream", DEFAULT_STREAM).trim();
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("[kafka] stream must not be empty");
        }
        return new KafkaConfig(BindAddress.parse(config.string("address", DEFAULT_ADDRESS), false),
                advertised.isEmpty() ? null : InetSocketAddress.createUnresolved(host(advertised), port(advertised)),
                stream, anonymous.isEmpty() ? null : anonymous, config.string("anonymous_password", ""),
                (int) maxRequest);
    }

    private static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private static int port(String hostPort) {
        try {
            return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("[kafka] advertised_address must be host:port, got '" + hostPort + "'");
        }
    }
}
