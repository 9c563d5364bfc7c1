package org.iggyj.kernel.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iggy.client.blocking.http.IggyHttpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.iggyj.kernel.IggyServer;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.kernel.storage.FileOpener;

/**
 * A real server in this JVM for end-to-end tests: data in the given directory, TCP and HTTP on free
 * loopback ports, root user iggy/iggy, transports and metrics exporters found on the test class path
 * (the TCP, HTTP, Kafka and metrics plugins are test dependencies). {@link #restart()} closes it and starts
 * it again on the same data.
 */
public final class TestServer implements AutoCloseable {

    public static final String ROOT_USERNAME = "iggy";
    public static final String ROOT_PASSWORD = "iggy";

    private final Path dataDir;
    private final Map<String, String> env;
    private final FileOpener files;
    private IggyServer server;

    private TestServer(Path dataDir, Map<String, String> extraEnv, FileOpener files) {
        this.dataDir = dataDir;
        this.files = files;
        this.env = new HashMap<>();
        env.put("IGGY_SYSTEM_PATH", dataDir.toString());
        env.put("IGGY_TCP_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_METRICS_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_KAFKA_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2");
        env.putAll(extraEnv);
    }

    /**
     * @param dataDir  the data directory (a @TempDir)
     * @param extraEnv IGGY_* overrides, e.g. IGGY_SYSTEM_SEGMENT_SIZE
     * @return a started server
     * @throws IOException when it cannot start
     */
    public static TestServer start(Path dataDir, Map<String, String> extraEnv) throws IOException {
        return start(dataDir, extraEnv, FileOpener.DEFAULT);
    }

    /**
     * @param dataDir  the data directory
     * @param extraEnv IGGY_* overrides
     * @param files    how the server opens segment files (a fault-injecting opener in storage-fault tests)
     * @return a started server
     * @throws IOException when it cannot start
     */
    public static TestServer start(Path dataDir, Map<String, String> extraEnv, FileOpener files) throws IOException {
        TestServer s = new TestServer(dataDir, extraEnv, files);
        s.boot();
        return s;
    }

    /**
     * @param dataDir the data directory
     * @return a started server with default settings
     * @throws IOException when it cannot start
     */
    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    private void boot() throws IOException {
        ServerConfig config = ConfigLoader.load(env, dataDir);
        server = IggyServer.start(config, new RootCredentials(ROOT_USERNAME, ROOT_PASSWORD, false),
                PluginHost.fromClasspath(), files);
    }

    /**
     * Stops the server gracefully and starts it again on the same data directory (new port).
     *
     * @throws IOException when it cannot start again
     */
    public void restart() throws IOException {
        server.close();
        boot();
    }

    /** @return the bound TCP address */
    public InetSocketAddress tcpAddress() {
        return server.address("tcp");
    }

    /** @return the bound Kafka listener address */
    public InetSocketAddress kafkaAddress() {
        return server.address("kafka");
    }

    /** @return the bound HTTP address */
    public InetSocketAddress httpAddress() {
        return server.address("http");
    }

    /** @return an official SDK HTTP client, logged in as root */
    public IggyHttpClient loggedInHttpClient() {
        return IggyHttpClient.builder().host("127.0.0.1").port(httpAddress().getPort())
                .credentials(ROOT_USERNAME, ROOT_PASSWORD).buildAndLogin();
    }

    /** @return the running server */
    public IggyServer server() {
        return server;
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /** @return an official SDK client, connected and logged in as root */
    public IggyTcpClient loggedInClient() {
        return SdkLogin.login(tcpAddress().getPort(), ROOT_USERNAME, ROOT_PASSWORD);
    }

    /**
     * @return an official SDK client logged in as root over a single connection, as a consumer
     *         group member needs: membership belongs to a connection, and the SDK would otherwise
     *         spread calls over a pool of up to five
     */
    public IggyTcpClient singleConnectionClient() {
        return SdkLogin.loginSingleConnection(tcpAddress().getPort(), ROOT_USERNAME, ROOT_PASSWORD);
    }

    /** @return an official SDK client, connected but not logged in */
    public IggyTcpClient anonymousClient() {
        IggyTcpClient client = IggyTcpClient.builder().host("127.0.0.1").port(tcpAddress().getPort()).build();
        // build() does not open the connection pool; only buildAndLogin() does.
        client.connect();
        return client;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
