package org.iggyj.client;

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
                "IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2");
        return new InProcessServer(IggyServer.start(ConfigLoader.load(env, dataDir),
                new RootCredentials(USERNAME, PASSWORD, false), PluginHost.fromClasspath().transports()));
    }

    int port() {
        return server.address("tcp").getPort();
    }

    IggyConnection connect() {
        return IggyConnection.connect("127.0.0.1", port());
    }

    @Override
    public void close() {
        server.close();
    }
}
