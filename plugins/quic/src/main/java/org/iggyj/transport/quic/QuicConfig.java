package org.iggyj.transport.quic;

import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The {@code [quic]} section this plugin owns: every key, its type and its default (the values of
 * the shipped {@code configs/server.toml}, checked by {@code QuicConfigTest}). {@code certificate.*}
 * is read by the kernel, which builds the TLS material. Constants only.
 */
final class QuicConfig {

    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", QuicTransport.DEFAULT_ADDRESS);

    static final ConfigSchema SCHEMA = ConfigSchema.of(QuicTransport.NAME,
            ConfigKey.bool("enabled", true),
            ADDRESS,
            ConfigKey.integer("max_concurrent_bidi_streams", 10_000),
            ConfigKey.bytes("datagram_send_buffer_size", "100 KB"),
            ConfigKey.bytes("initial_mtu", "8 KB"),
            ConfigKey.bytes("send_window", "100 KB"),
            ConfigKey.bytes("receive_window", "100 KB"),
            ConfigKey.duration("keep_alive_interval", "5 s"),
            ConfigKey.duration("max_idle_timeout", "10 s"),
            ConfigKey.bool("certificate.self_signed", true),
            ConfigKey.string("certificate.cert_file", "core/certs/iggy_cert.pem"),
            ConfigKey.string("certificate.key_file", "core/certs/iggy_key.pem"),
            ConfigKey.bool("socket.override_defaults", false),
            ConfigKey.bytes("socket.recv_buffer_size", "64 KB"),
            ConfigKey.bytes("socket.send_buffer_size", "64 KB"),
            ConfigKey.bool("socket.keepalive", false));

    private QuicConfig() {
    }
}
