package org.iggyj.kernel;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.metadata.DataLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code runtime/current_config.toml}: the effective configuration the server started with and the
 * addresses its transports actually bound, for operators and the diagnostics snapshot. Informational only.
 */
final class RuntimeConfigFile {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigFile.class);
    private static final String FILE_NAME = "current_config.toml";

    private final Path file;

    /** @param layout the data directory layout */
    RuntimeConfigFile(DataLayout layout) {
        this.file = layout.runtimeDir().resolve(FILE_NAME);
    }

    /** @return where the file is */
    Path path() {
        return file;
    }

    /**
     * Writes the file; a failure is logged, not thrown.
     *
     * @param config the effective configuration
     * @param bound  every running transport's bound address, by name
     */
    void write(ServerConfig config, Map<String, SocketAddress> bound) {
        StringBuilder addresses = new StringBuilder("\n# Addresses actually bound\n");
        bound.forEach((name, a) -> addresses.append("# ").append(name).append(" = ").append(a).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, config.toToml() + addresses, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Informational only: a full disk must not keep the server from starting.
            LOG.warn("Cannot write {} ({})", file, e.toString());
        }
    }
}
