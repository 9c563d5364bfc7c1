package org.iggyj.transport.http;

import java.util.List;
import java.util.Map;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The {@code [http]} section the plugin owns: every key, its type and its default (the values of the
 * shipped {@code configs/server.toml}, checked by {@code HttpConfigTest}). {@code tls.*} is read by the
 * kernel, which builds the TLS material; {@code jwt.access_token_expiry} is also checked by the kernel,
 * whose expiry rules it follows. {@code jwt.trusted_issuers} is accepted as 0.8 ships it and not used.
 */
final class HttpConfig {

    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", HttpTransport.DEFAULT_ADDRESS);
    static final ConfigKey<Long> MAX_REQUEST_SIZE = ConfigKey.bytes("max_request_size", "2 MB");

    /** One external token issuer: 0.8's {@code [[http.jwt.trusted_issuers]]}. */
    static final ConfigKey<List<org.iggyj.spi.KernelConfig>> TRUSTED_ISSUERS = ConfigKey.tables("jwt.trusted_issuers",
            List.of(Map.of("issuer", "test-issuer",
                    "jwks_url", "http://127.0.0.1:8081/.well-known/jwks.json",
                    "audience", "iggy.apache.org")),
            ConfigKey.string("issuer", ""),
            ConfigKey.string("jwks_url", ""),
            ConfigKey.string("audience", ""),
            ConfigKey.integer("user_id", 0).withoutDefault());

    static final ConfigSchema SCHEMA = ConfigSchema.of(HttpTransport.NAME,
            ConfigKey.bool("enabled", true),
            ADDRESS,
            MAX_REQUEST_SIZE,
            ConfigKey.bool("web_ui", false),
            ConfigKey.bool("cors.enabled", true),
            ConfigKey.strings("cors.allowed_methods", List.of("GET", "POST", "PUT", "DELETE")),
            ConfigKey.strings("cors.allowed_origins", List.of("*")),
            ConfigKey.strings("cors.allowed_headers", List.of("content-type", "authorization")),
            ConfigKey.strings("cors.exposed_headers", List.of("")),
            ConfigKey.bool("cors.allow_credentials", false),
            ConfigKey.bool("cors.allow_private_network", false),
            ConfigKey.string("jwt.algorithm", "HS256"),
            ConfigKey.string("jwt.issuer", "iggy.apache.org"),
            ConfigKey.string("jwt.audience", "iggy.apache.org"),
            ConfigKey.strings("jwt.valid_issuers", List.of("iggy.apache.org")),
            ConfigKey.strings("jwt.valid_audiences", List.of("iggy.apache.org")),
            // Text, not a duration: "none" (never expire) is valid too.
            ConfigKey.string("jwt.access_token_expiry", "1 h"),
            ConfigKey.duration("jwt.clock_skew", "5 s"),
            ConfigKey.duration("jwt.not_before", "0 s"),
            ConfigKey.string("jwt.encoding_secret", "").secret(),
            ConfigKey.string("jwt.decoding_secret", "").secret(),
            ConfigKey.bool("jwt.use_base64_secret", false),
            TRUSTED_ISSUERS,
            ConfigKey.bool("metrics.enabled", true),
            ConfigKey.string("metrics.endpoint", "/metrics"),
            ConfigKey.bool("tls.enabled", false),
            ConfigKey.bool("tls.self_signed", true),
            ConfigKey.string("tls.cert_file", "core/certs/iggy_cert.pem"),
            ConfigKey.string("tls.key_file", "core/certs/iggy_key.pem"));

    private HttpConfig() {
    }
}
