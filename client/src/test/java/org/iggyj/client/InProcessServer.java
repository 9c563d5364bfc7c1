package org.iggyj.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.iggyj.kernel.IggyServer;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.kernel.plugin.PluginHost;

/** A real server in this JVM: data in a temp directory, TCP on a free loopback port, root iggy/iggy. */
final class InProcessServer implements AutoCloseable {

    static final String USERNAME = "iggy";
    static final String PASSWORD = "iggy";

    private final IggyServer server;

    private InProcessServer(IggyServer server) {
        this.server = server;
    }

    static InProcessServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /** @param extraEnv IGGY_* overrides on top of the test defaults (TLS settings, for one) */
    static InProcessServer start(Path dataDir, Map<String, String> extraEnv) throws IOException {
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

    int port() {
        return server.address("tcp").getPort();
    }

    /** @return the port a transport ({@code tcp}, {@code websocket}) bound */
    int port(String transport) {
        return server.address(transport).getPort();
    }

    IggyConnection connect() {
        return IggyConnection.connect("127.0.0.1", port());
    }

    @Override
    public void close() {
        server.close();
    }
}
