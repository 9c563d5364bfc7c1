package org.iggyj.console;

import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;

/**
 * The {@code [console]} section this plugin owns: every key, its type and its default (the values of
 * the shipped {@code configs/server.toml}, checked by {@code ConsoleConfigTest}). {@code enabled} is
 * read by the kernel, which skips a disabled route provider. Constants only.
 */
final class ConsoleConfig {

    static final ConfigKey<String> PATH = ConfigKey.string("path", ConsoleRouteProvider.DEFAULT_PATH);

    static final ConfigSchema SCHEMA = ConfigSchema.of(ConsoleRouteProvider.NAME,
            ConfigKey.bool("enabled", true),
            PATH);

    private ConsoleConfig() {
    }
}
