package org.iggyj.transport.tcp;

import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The {@code [tcp]} section this plugin owns: every key, its type and its default (the values of
 * the shipped {@code configs/server.toml}, checked by {@code TcpConfigTest}). {@code tls.*} is read
 * by the kernel, which builds the TLS material. Constants only.
 */
final class TcpConfig {

    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", TcpTransport.DEFAULT_ADDRESS);
    static final ConfigKey<Boolean> IPV6 = ConfigKey.bool("ipv6", false);
    static final ConfigKey<Long> MAX_IN_FLIGHT_SENDS = ConfigKey.integer("max_in_flight_sends", 4);

    static final ConfigSchema SCHEMA = ConfigSchema.of(TcpTransport.NAME,
            ConfigKey.bool("enabled", true),
            ADDRESS,
            IPV6,
            ConfigKey.bool("socket_migration", true),
            MAX_IN_FLIGHT_SENDS,
            ConfigKey.bool("tls.enabled", false),
            ConfigKey.bool("tls.self_signed", true),
            ConfigKey.string("tls.cert_file", "core/certs/iggy_cert.pem"),
            ConfigKey.string("tls.key_file", "core/certs/iggy_key.pem"),
            ConfigKey.bool("socket.override_defaults", false),
            ConfigKey.bytes("socket.recv_buffer_size", "100 KB"),
            ConfigKey.bytes("socket.send_buffer_size", "100 KB"),
            ConfigKey.bool("socket.keepalive", false),
            ConfigKey.bool("socket.nodelay", false),
            ConfigKey.duration("socket.linger", "0 s"));

    private TcpConfig() {
    }
}
