package org.iggyj.transport.websocket;

import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The {@code [websocket]} section this plugin owns: every key, its type and its default (the values
 * of the shipped {@code configs/server.toml}, checked by {@code WebSocketConfigTest}). The buffer and
 * frame sizes are unset by default, as in Iggy 0.8. {@code tls.*} is read by the kernel. Constants only.
 */
final class WebSocketConfig {

    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", WebSocketTransport.DEFAULT_ADDRESS);
    static final ConfigKey<Long> MAX_FRAME_SIZE = ConfigKey.bytes("max_frame_size", "16 MiB").withoutDefault();
    static final ConfigKey<Boolean> ACCEPT_UNMASKED_FRAMES =
            ConfigKey.bool("accept_unmasked_frames", false).withoutDefault();

    static final ConfigSchema SCHEMA = ConfigSchema.of(WebSocketTransport.NAME,
            ConfigKey.bool("enabled", true),
            ADDRESS,
            ConfigKey.bytes("read_buffer_size", "0").withoutDefault(),
            ConfigKey.bytes("write_buffer_size", "0").withoutDefault(),
            ConfigKey.bytes("max_write_buffer_size", "0").withoutDefault(),
            ConfigKey.bytes("max_message_size", "0").withoutDefault(),
            MAX_FRAME_SIZE,
            ACCEPT_UNMASKED_FRAMES,
            ConfigKey.bool("tls.enabled", false),
            ConfigKey.bool("tls.self_signed", true),
            ConfigKey.string("tls.cert_file", "core/certs/iggy_cert.pem"),
            ConfigKey.string("tls.key_file", "core/certs/iggy_key.pem"));

    private WebSocketConfig() {
    }
}
