package org.iggyj.metrics;

import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The {@code [metrics]} section this plugin owns: every key, its type and its default (the values of
 * the shipped {@code configs/server.toml}, checked by {@code MetricsConfigTest}). Constants only.
 */
final class MetricsConfig {

    static final ConfigKey<String> ADDRESS = ConfigKey.string("address", PrometheusExporter.DEFAULT_ADDRESS);
    static final ConfigKey<String> ENDPOINT = ConfigKey.string("endpoint", PrometheusExporter.DEFAULT_PATH);

    static final ConfigSchema SCHEMA = ConfigSchema.of(PrometheusExporter.NAME,
            ConfigKey.bool("enabled", true), ADDRESS, ENDPOINT);

    private MetricsConfig() {
    }
}
