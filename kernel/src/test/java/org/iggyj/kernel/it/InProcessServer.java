package org.iggyj.kernel.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.iggyj.kernel.IggyServer;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.kernel.plugin.PluginHost;

/**
 * A real server in this JVM for the tests of the modules built on the kernel (client, bench, CLI): data
 * in the given directory, the TCP, WebSocket and QUIC transports found on the test class path bound to
 * free loopback ports, root user iggy/iggy. Published in the kernel's test-jar so those modules share
 * one; the kernel's own ITs use {@link TestServer}, which adds the official SDK's clients and restarts.
 */
public final class InProcessServer implements AutoCloseable {

    public static final String USERNAME = "iggy";
    public static final String PASSWORD = "iggy";

    private final IggyServer server;

    private InProcessServer(IggyServer server) {
        this.server = server;
    }

    /**
     * @param dataDir the data directory (a @TempDir)
     * @return a started server with the test defaults
     * @throws IOException when it cannot start
     */
    public static InProcessServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /**
     * @param dataDir  the data directory
     * @param extraEnv IGGY_* overrides on top of the test defaults (TLS settings, for one)
     * @return a started server
     * @throws IOException when it cannot start
     */
    public static InProcessServer start(Path dataDir, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "IGGY_SYSTEM_PATH", dataDir.toString(),
                "IGGY_TCP_ADDRESS", "127.0.0.1:0",
                "IGGY_WEBSOCKET_ADDRESS", "127.0.0.1:0",
                "IGGY_QUIC_ADDRESS", "127.0.0.1:0",
                "IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2"));
        env.putAll(extraEnv);
        return new InProcessServer(IggyServer.start(ConfigLoader.load(env, dataDir),
                new RootCredentials(USERNAME, PASSWORD, false), PluginHost.fromClasspath().transports()));
    }

    /** @return the port the TCP transport bound */
    public int port() {
        return port("tcp");
    }

    /**
     * @param transport a transport's name ({@code tcp}, {@code websocket}, {@code quic})
     * @return the port it bound
     */
    public int port(String transport) {
        return server.address(transport).getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
