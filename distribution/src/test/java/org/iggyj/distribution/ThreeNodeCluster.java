package org.iggyj.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.iggyj.kernel.it.SdkLogin;

/**
 * Three copies of the unpacked distribution started as separate processes that form one cluster on
 * loopback: each has its own data directory, its own ports and a config file naming the other two.
 * {@code [cluster] enabled} is false in the files and switched on with {@code IGGY_CLUSTER_ENABLED},
 * so the environment overrides are exercised too.
 */
final class ThreeNodeCluster implements AutoCloseable {

    static final int SIZE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<DistributionProcess> nodes = new ArrayList<>();
    /** The cluster a test made last: {@link NodeLogsOnFailure} adds its logs to the test's failure. */
    private static volatile ThreeNodeCluster latest;
    private final int[] replicationPorts = new int[SIZE];

    private ThreeNodeCluster() {
    }

    /**
     * The plugins the cluster tests use. The others are removed from the copies: each node starts
     * (and restarts, in the fault tests) several seconds sooner on a busy machine without them.
     */
    private static final List<String> USED_PLUGINS = List.of("iggyj-cluster-", "iggyj-transport-tcp-",
            "iggyj-transport-http-", "iggyj-metrics-");

    private static void keepOnly(Path plugins, List<String> prefixes) throws IOException {
        try (var files = Files.list(plugins)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (prefixes.stream().noneMatch(name::startsWith)) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * @param tempDir      where the copies and data go
     * @param enforceFsync {@code system.partition.enforce_fsync} on every node
     * @return the stopped cluster
     * @throws IOException when a copy or config file cannot be written
     */
    static ThreeNodeCluster create(Path tempDir, boolean enforceFsync) throws IOException {
        return create(tempDir, enforceFsync, List.of());
    }

    /**
     * @param tempDir      where the copies and data go
     * @param enforceFsync {@code system.partition.enforce_fsync} on every node
     * @param morePlugins  file name prefixes of plugins kept besides the cluster's usual ones
     * @return the stopped cluster
     * @throws IOException when a copy or config file cannot be written
     */
    static ThreeNodeCluster create(Path tempDir, boolean enforceFsync, List<String> morePlugins) throws IOException {
        List<String> plugins = new ArrayList<>(USED_PLUGINS);
        plugins.addAll(morePlugins);
        ThreeNodeCluster cluster = new ThreeNodeCluster();
        for (int i = 0; i < SIZE; i++) {
            DistributionProcess node = DistributionProcess.copyInto(Files.createDirectories(tempDir.resolve("node" + i)));
            keepOnly(node.home().resolve("plugins"), plugins);
            cluster.nodes.add(node);
            cluster.replicationPorts[i] = DistributionProcess.freePort();
        }
        for (int i = 0; i < SIZE; i++) {
            DistributionProcess node = cluster.nodes.get(i);
            Path config = node.workDir().resolve("cluster.toml");
            Files.writeString(config, cluster.configOf(i));
            node.putEnv("IGGY_CONFIG_PATH", config.toString());
            node.putEnv("IGGY_CLUSTER_ENABLED", "true");
            node.putEnv("IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC", Boolean.toString(enforceFsync));
        }
        latest = cluster;
        return cluster;
    }

    private String configOf(int self) {
        StringBuilder toml = new StringBuilder();
        toml.append("[cluster]\nenabled = false\nname = \"it-cluster\"\n\n");
        toml.append("[cluster.node.current]\nname = \"node").append(self).append("\"\nip = \"127.0.0.1\"\n\n");
        toml.append("[cluster.node.current.ports]\nreplication = ").append(replicationPorts[self]).append("\n\n");
        for (int i = 0; i < SIZE; i++) {
            if (i == self) {
                continue;
            }
            DistributionProcess other = nodes.get(i);
            toml.append("[[cluster.node.others]]\nname = \"node").append(i).append("\"\nip = \"127.0.0.1\"\n\n");
            toml.append("[cluster.node.others.ports]\ntcp = ").append(other.tcpPort())
                .append("\nhttp = ").append(other.httpPort())
                .append("\nwebsocket = ").append(other.webSocketPort())
                .append("\nreplication = ").append(replicationPorts[i]).append("\n\n");
        }
        return toml.toString();
    }

    DistributionProcess node(int i) {
        return nodes.get(i);
    }

    void startAll() throws IOException {
        for (DistributionProcess node : nodes) {
            node.start();
        }
    }

    /** Waits until every running node serves TCP and one leader is known to all of them. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.stream().filter(DistributionProcess::isAlive).allMatch(DistributionProcess::tcpAccepts)
                && leaderSeenByAll() >= 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** @return the index of the leader every running node reports, or -1 when they disagree or have none */
    int leaderSeenByAll() {
        int leader = -1;
        for (int i = 0; i < SIZE; i++) {
            if (!nodes.get(i).isAlive()) {
                continue;
            }
            int seen;
            try {
                seen = leaderIn(metadata(i));
            } catch (IOException | RuntimeException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (seen < 0 || leader >= 0 && seen != leader) {
                return -1;
            }
            leader = seen;
        }
        return leader;
    }

    private static int leaderIn(JsonNode metadata) {
        int leader = -1;
        for (JsonNode node : metadata.get("nodes")) {
            if ("leader".equals(node.get("role").asText())) {
                if (leader >= 0) {
                    return -1;
                }
                leader = Integer.parseInt(node.get("name").asText().substring("node".length()));
            }
        }
        return leader;
    }

    /**
     * @param i a node
     * @return its {@code /cluster/metadata} (HTTP, the same kernel code as the binary command)
     */
    JsonNode metadata(int i) throws IOException, InterruptedException {
        DistributionProcess node = nodes.get(i);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + node.httpPort();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/users/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"iggy\",\"password\":\"iggy\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).get("access_token").get("token").asText();
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/cluster/metadata"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IOException("cluster metadata of node" + i + ": " + reply.statusCode() + " " + reply.body());
        }
        return JSON.readTree(reply.body());
    }

    /** @return an SDK client logged in as root on node {@code i} */
    IggyTcpClient client(int i) {
        return SdkLogin.login(nodes.get(i).tcpPort(), "iggy", "iggy");
    }

    /** @return an SDK client logged in as root on node {@code i} on one connection (a group member) */
    IggyTcpClient memberClient(int i) {
        return SdkLogin.loginSingleConnection(nodes.get(i).tcpPort(), "iggy", "iggy");
    }

    /** @return every node's log, for a failure message */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < SIZE; i++) {
            try {
                String log = nodes.get(i).log();
                all.append("\n===== node").append(i).append(" =====\n")
                    .append(log.length() > 20_000 ? log.substring(log.length() - 20_000) : log);
            } catch (IOException e) {
                all.append("\n<node").append(i).append(" log unreadable>");
            }
        }
        return all.toString();
    }

    /** @return every running node's thread dump, for a test that timed out waiting on the cluster */
    String threadDumps() throws InterruptedException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < SIZE; i++) {
            all.append("\n===== node").append(i).append(" threads =====\n").append(nodes.get(i).threadDump());
        }
        return all.toString();
    }

    /**
     * SIGKILLs every node of the cluster a test made last: a test that timed out still runs in its own
     * thread, blocked in a client call, and never reaches its {@link #close}; with its server gone the
     * call fails and no node outlives the test.
     */
    static void killLatest() throws InterruptedException {
        ThreeNodeCluster cluster = latest;
        if (cluster != null) {
            for (DistributionProcess node : cluster.nodes) {
                node.kill();
            }
        }
    }

    /** @return the thread dumps of the cluster a test made last, or null before any */
    static String latestThreadDumps() throws InterruptedException {
        ThreeNodeCluster cluster = latest;
        return cluster == null ? null : cluster.threadDumps();
    }

    /** Forgets the cluster made last, so a later failure does not show an earlier test's logs. */
    static void forgetLatest() {
        latest = null;
    }

    /** @return the logs of the cluster a test made last, or null before any */
    static String latestLogs() {
        ThreeNodeCluster cluster = latest;
        return cluster == null ? null : cluster.logs();
    }

    @Override
    public void close() throws InterruptedException {
        for (DistributionProcess node : nodes) {
            node.stop();
        }
    }
}
