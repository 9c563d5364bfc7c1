package org.iggyj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iggyj.kernel.it.InProcessServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against a real server in this JVM (TCP on a free loopback port, root iggy/iggy). */
@Timeout(60)
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static InProcessServer server;
    private static String address;
    private static String webSocketAddress;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws IOException {
        server = InProcessServer.start(dataDir);
        address = "127.0.0.1:" + server.port();
        webSocketAddress = "127.0.0.1:" + server.port("websocket");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** One run of {@code iggy}: exit code and captured streams. */
    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Run iggy(String stdin, Map<String, String> env, String... args) {
        return iggyAt(address, stdin, env, args);
    }

    private Run iggyAt(String serverAddress, String stdin, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("IGGY_SESSION_FILE", home.resolve("session").toString());
        List<String> all = new ArrayList<>(serverAddress == null ? List.of() : List.of("--address", serverAddress));
        all.addAll(List.of(args));
        IggyCli cli = new IggyCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), environment);
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run root(String... args) {
        return iggy("", Map.of("IGGY_USERNAME", "iggy", "IGGY_PASSWORD", "iggy"), args);
    }

    private Run ok(Run run) {
        assertEquals(0, run.code(), () -> "exit code; out:\n" + run.out() + "\nerr:\n" + run.err());
        return run;
    }

    @Test
    void shouldSpeakWebSocketWhenAskedAndRefuseAnUnknownTransport() throws IOException {
        Map<String, String> credentials = Map.of("IGGY_USERNAME", "iggy", "IGGY_PASSWORD", "iggy");
        Run pong = ok(iggyAt(webSocketAddress, "", credentials, "--transport", "websocket", "ping"));
        assertTrue(pong.out().contains("pong"), pong.out());
        ok(iggyAt(webSocketAddress, "", credentials, "--transport", "websocket", "stream", "create", "over-ws"));
        JsonNode streams = ok(root("--output", "json", "stream", "list")).json();
        assertTrue(streams.findValuesAsText("name").contains("over-ws"), streams.toString());

        Run unknown = iggy("", credentials, "--transport", "carrier-pigeon", "ping");
        assertTrue(unknown.code() != 0, unknown.err());
        assertTrue(unknown.err().contains("unknown transport"), unknown.err());
    }

    @Test
    void shouldCreateStreamAndTopicSendFromStdinAndPollBack() throws IOException {
        ok(root("stream", "create", "orders"));
        ok(root("topic", "create", "orders", "events", "--partitions", "2"));
        JsonNode streams = ok(root("--output", "json", "stream", "list")).json();
        assertTrue(streams.isArray());
        assertTrue(streams.findValuesAsText("name").contains("orders"), streams.toString());

        Run sent = ok(iggy("first\nsecond\nthird\n", Map.of("IGGY_USERNAME", "iggy", "IGGY_PASSWORD", "iggy"),
                "message", "send", "orders", "events", "--partition-id", "1", "-H", "source:cli"));
        assertTrue(sent.out().contains("sent 3 message(s)"), sent.out());

        JsonNode polled = ok(root("-o", "json", "message", "poll", "orders", "events", "--partition-id", "1",
                "--count", "10")).json();
        assertEquals(3, polled.size(), polled.toString());
        assertEquals("first", polled.get(0).get("payload").asText());
        assertEquals("third", polled.get(2).get("payload").asText());
        assertEquals(2, polled.get(2).get("offset").asLong());
        assertEquals("cli", polled.get(0).get("headers").get("source").asText());

        Run hex = ok(root("message", "poll", "orders", "events", "--partition-id", "1", "--strategy", "offset:1",
                "--count", "1", "--format", "hex"));
        assertTrue(hex.out().contains("7365636f6e64"), hex.out());

        Run table = ok(root("topic", "list", "orders"));
        assertTrue(table.out().lines().findFirst().orElse("").startsWith("id"), table.out());
        assertTrue(table.out().contains("events"), table.out());
    }

    @Test
    void shouldPollAsAConsumerGroupMemberWithAutoCommit() throws IOException {
        ok(root("stream", "create", "payments"));
        ok(root("topic", "create", "payments", "in", "--partitions", "1"));
        ok(root("message", "send", "payments", "in", "a", "b"));
        JsonNode group = ok(root("-o", "json", "consumer-group", "create", "payments", "in", "workers")).json();
        assertEquals("workers", group.get("name").asText());

        JsonNode first = ok(root("-o", "json", "message", "poll", "payments", "in", "--group", "workers",
                "--strategy", "next", "--count", "1", "--auto-commit")).json();
        assertEquals("a", first.get(0).get("payload").asText());
        JsonNode second = ok(root("-o", "json", "message", "poll", "payments", "in", "--group", "workers",
                "--strategy", "next", "--count", "1", "--auto-commit")).json();
        assertEquals("b", second.get(0).get("payload").asText());

        JsonNode offset = ok(root("-o", "json", "consumer-offset", "--group", "get", "workers", "payments", "in",
                "0")).json();
        assertEquals(1, offset.get("stored_offset").asLong(), offset.toString());
        JsonNode groups = ok(root("-o", "json", "consumer-group", "list", "payments", "in")).json();
        assertEquals(1, groups.size());
    }

    @Test
    void shouldManageUsersAndTokensAndLogInWithTheStoredSession() throws IOException {
        ok(root("user", "create", "alice", "secret-pass", "--permission", "read_streams", "--permission",
                "manage_streams"));
        JsonNode users = ok(root("-o", "json", "user", "list")).json();
        assertTrue(users.findValuesAsText("username").contains("alice"), users.toString());
        Run alice = ok(root("user", "get", "alice"));
        assertTrue(alice.out().contains("alice"), alice.out());

        Map<String, String> asAlice = Map.of("IGGY_USERNAME", "alice", "IGGY_PASSWORD", "secret-pass");
        String token = ok(iggy("", asAlice, "-o", "json", "pat", "create", "ci-token")).json().get("token").asText();
        assertFalse(token.isBlank());
        JsonNode tokens = ok(iggy("", asAlice, "-o", "json", "pat", "list")).json();
        assertEquals("ci-token", tokens.get(0).get("name").asText());
        ok(iggy("", Map.of(), "--token", token, "stream", "list"));

        ok(iggy("", asAlice, "login"));
        assertTrue(Files.exists(home.resolve("session")));
        JsonNode me = ok(iggy("", Map.of(), "-o", "json", "me")).json();
        assertEquals(ok(root("-o", "json", "user", "get", "alice")).json().get("id").asLong(),
                me.get("user_id").asLong(), me.toString());
        ok(iggy("", Map.of(), "logout"));
        assertFalse(Files.exists(home.resolve("session")));
        Run after = iggy("", Map.of(), "stream", "list");
        assertEquals(1, after.code());
        assertTrue(after.err().contains("not logged in"), after.err());

        ok(root("pat", "list"));
        ok(root("user", "delete", "alice"));
    }

    @Test
    void shouldExitNonZeroWithAClearMessageOnBadCredentials() {
        Run run = iggy("", Map.of(), "--username", "iggy", "--password", "wrong", "stream", "list");

        assertNotEquals(0, run.code());
        assertTrue(run.err().contains("invalid_credentials"), run.err());
        assertTrue(run.err().contains("username or password is wrong"), run.err());
        assertFalse(run.err().contains("at org."), "no stack trace: " + run.err());
    }

    @Test
    void shouldPingAndShowStatsAndClients() throws IOException {
        assertTrue(ok(iggy("", Map.of(), "ping")).out().contains("pong"));
        JsonNode stats = ok(root("-o", "json", "stats")).json();
        assertTrue(stats.has("server_version"), stats.toString());
        JsonNode clients = ok(root("-o", "json", "client", "list")).json();
        assertTrue(clients.size() >= 1, clients.toString());
        Run usage = iggy("", Map.of(), "stream", "frobnicate");
        assertEquals(2, usage.code(), usage.err());
    }

    @Test
    void shouldPrintHelpForTheCliAndForACommand() {
        Run top = ok(iggy("", Map.of(), "help"));
        Run stream = ok(iggy("", Map.of(), "help", "stream"));
        Run nested = ok(iggy("", Map.of(), "help", "cluster"));
        Run rootMethod = ok(iggy("", Map.of(), "login", "--help"));
        Run groupMethod = ok(iggy("", Map.of(), "stream", "create", "-h"));

        assertTrue(top.out().contains("Usage: iggy") && top.out().contains("stream"), top.out());
        assertTrue(stream.out().contains("Usage: iggy stream") && stream.out().contains("create"), stream.out());
        assertTrue(nested.out().contains("metadata"), nested.out());
        assertTrue(rootMethod.out().contains("Usage: iggy login") && rootMethod.out().contains("--expiry-s"),
                rootMethod.out() + rootMethod.err());
        assertTrue(groupMethod.out().contains("Usage: iggy stream create"), groupMethod.out() + groupMethod.err());
    }

    @Test
    void shouldShowClusterMetadataOfASingleNode() throws IOException {
        JsonNode nodes = ok(root("-o", "json", "cluster", "metadata")).json();

        assertEquals(1, nodes.size(), nodes.toString());
        assertEquals("leader", nodes.get(0).get("role").asText(), nodes.toString());
        assertEquals(server.port(), nodes.get(0).get("tcp").asInt(), nodes.toString());
    }

    @Test
    void shouldUseTheFirstNodeThatAcceptsOfAnAddressList() throws IOException {
        int down;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = s.getLocalPort();
        }
        Map<String, String> credentials = Map.of("IGGY_USERNAME", "iggy", "IGGY_PASSWORD", "iggy");
        String nodes = "127.0.0.1:" + down + ", " + address;

        ok(iggyAt(nodes, "", credentials, "stream", "create", "listed-nodes"));
        JsonNode streams = ok(root("--output", "json", "stream", "list")).json();
        assertTrue(streams.findValuesAsText("name").contains("listed-nodes"), streams.toString());

        Run allDown = iggyAt("127.0.0.1:" + down + ",127.0.0.1:" + down, "", credentials, "ping");
        assertTrue(allDown.code() != 0 && allDown.err().contains("127.0.0.1:" + down), allDown.err());
        Run malformed = iggyAt("127.0.0.1:" + down + ",nohost", "", credentials, "ping");
        assertTrue(malformed.code() != 0 && malformed.err().contains("'nohost' is not HOST:PORT"), malformed.err());
    }

    @Test
    void shouldDialTheTransportsDefaultPortWhenNoAddressIsGiven() {
        // Nothing of this test listens on the default ports: the run names the address it tried either way.
        Run webSocket = iggyAt(null, "", Map.of(), "--transport", "websocket", "ping");
        Run tcp = iggyAt(null, "", Map.of(), "ping");

        assertTrue((webSocket.out() + webSocket.err()).contains("127.0.0.1:8092"), webSocket.err());
        assertTrue((tcp.out() + tcp.err()).contains("127.0.0.1:8090"), tcp.err());
    }

    @Test
    void shouldShowSendProgressOnStandardErrorOnlyWhenAskedOrOnATerminal() {
        Map<String, String> credentials = Map.of("IGGY_USERNAME", "iggy", "IGGY_PASSWORD", "iggy");
        ok(iggy("", credentials, "stream", "create", "progress"));
        ok(iggy("", credentials, "topic", "create", "progress", "lines", "--partitions", "1"));
        String lines = "x\n".repeat(2_500);
        Map<String, String> watched = new HashMap<>(credentials);
        watched.put("IGGY_PROGRESS", "always");

        Run shown = ok(iggy(lines, watched, "message", "send", "progress", "lines", "--partition-id", "0"));
        Run piped = ok(iggy(lines, credentials, "message", "send", "progress", "lines", "--partition-id", "0"));

        assertTrue(shown.err().contains("\rsent 1000/2500 (40%)"), shown.err());
        assertTrue(shown.err().contains("\rsent 2500/2500 (100%)"), shown.err());
        assertTrue(shown.out().contains("sent 2500 message(s)") && !shown.out().contains("/2500"), shown.out());
        assertEquals("", piped.err(), "no terminal, no progress");
        assertTrue(piped.out().contains("sent 2500 message(s)"), piped.out());
    }
}
