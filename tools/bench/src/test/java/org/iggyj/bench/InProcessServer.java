package org.iggyj.bench;

import java.io.IOException;
import java.nio.file.Path;
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
        Map<String, String> env = Map.of(
                "IGGY_SYSTEM_PATH", dataDir.toString(),
                "IGGY_TCP_ADDRESS", "127.0.0.1:0",
                "IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2",
                // WebSocket with TLS, so the bench's websocket --tls path is exercised too
                "IGGY_WEBSOCKET_ADDRESS", "127.0.0.1:0",
                "IGGY_WEBSOCKET_TLS_ENABLED", "true",
                "IGGY_WEBSOCKET_TLS_CERT_FILE", certFile(dataDir).toString(),
                "IGGY_WEBSOCKET_TLS_KEY_FILE", dataDir.resolve("certs/key.pem").toString());
        return new InProcessServer(IggyServer.start(ConfigLoader.load(env, dataDir),
                new RootCredentials(USERNAME, PASSWORD, false), PluginHost.fromClasspath().transports()));
    }

    int port() {
        return server.address("tcp").getPort();
    }

    int webSocketPort() {
        return server.address("websocket").getPort();
    }

    /** @return the PEM certificate the server generated for its WebSocket TLS */
    static Path certFile(Path dataDir) {
        return dataDir.resolve("certs/cert.pem");
    }

    @Override
    public void close() {
        server.close();
    }
}
