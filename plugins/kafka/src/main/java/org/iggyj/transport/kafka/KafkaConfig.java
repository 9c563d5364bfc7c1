package org.iggyj.transport.kafka;

import java.net.InetSocketAddress;
import org.iggyj.spi.BindAddress;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.KernelConfig;

/**
 * The {@code [kafka]} section, read once at start. Immutable. {@link #SCHEMA} declares the section
 * the plugin owns: every key, its type and its default (the values of the shipped
 * {@code configs/server.toml}, checked by {@code KafkaConfigTest}); {@code tls.*} is read by the
 * kernel, which builds the TLS material.
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

    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", DEFAULT_ADDRESS);
    static final ConfigKey<String> ADVERTISED_ADDRESS = ConfigKey.string("advertised_address", "");
    static final ConfigKey<String> STREAM = ConfigKey.string("stream", DEFAULT_STREAM);
    static final ConfigKey<String> ANONYMOUS_USERNAME = ConfigKey.string("anonymous_username", "");
    static final ConfigKey<String> ANONYMOUS_PASSWORD = ConfigKey.string("anonymous_password", "").secret();
    static final ConfigKey<Long> MAX_REQUEST_SIZE = ConfigKey.bytes("max_request_size", "100 MiB"); // Kafka's socket.request.max.bytes

    static final ConfigSchema SCHEMA = ConfigSchema.of(KafkaTransport.NAME,
            ConfigKey.bool("enabled", true),
            ADDRESS,
            ADVERTISED_ADDRESS,
            STREAM,
            ANONYMOUS_USERNAME,
            ANONYMOUS_PASSWORD,
            MAX_REQUEST_SIZE,
            ConfigKey.bool("tls.enabled", false),
            ConfigKey.bool("tls.self_signed", true),
            ConfigKey.string("tls.cert_file", "core/certs/iggy_cert.pem"),
            ConfigKey.string("tls.key_file", "core/certs/iggy_key.pem"));

    static KafkaConfig from(KernelConfig config) {
        String advertised = config.get(ADVERTISED_ADDRESS).trim();
        String anonymous = config.get(ANONYMOUS_USERNAME).trim();
        long maxRequest = config.get(MAX_REQUEST_SIZE);
        if (maxRequest < 1024 || maxRequest > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("[kafka] max_request_size must be 1 KiB..2 GiB, got " + maxRequest);
        }
        String stream = config.get(STREAM).trim();
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("[kafka] stream must not be empty");
        }
        return new KafkaConfig(BindAddress.parse("kafka", config.get(ADDRESS), false),
                advertised.isEmpty() ? null : InetSocketAddress.createUnresolved(host(advertised), port(advertised)),
                stream, anonymous.isEmpty() ? null : anonymous, config.get(ANONYMOUS_PASSWORD),
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
