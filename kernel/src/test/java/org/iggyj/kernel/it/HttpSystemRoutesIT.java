package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /cluster/metadata} and {@code POST /snapshot} over HTTP (http-api.md §5, §6.8, §7): the
 * same binary commands the TCP tests cover, translated to JSON and a ZIP attachment.
 */
@Timeout(120)
class HttpSystemRoutesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static HttpClient http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = post("/users/login", null,
                "{\"username\":\"" + TestServer.ROOT_USERNAME + "\",\"password\":\"" + TestServer.ROOT_PASSWORD + "\"}",
                BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        token = JSON.readTree(login.body()).path("access_token").path("token").asText();
    }

    private static <T> HttpResponse<T> post(String path, String bearer, String body, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), handler);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
    }

    @Test
    void clusterMetadataDescribesTheSingleNodeWithItsBoundPorts() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/cluster/metadata"))
                .header("Authorization", "Bearer " + token).GET().build(), BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("single-node", body.path("name").asText());
        JsonNode node = body.path("nodes").get(0);
        assertEquals("iggy-node", node.path("name").asText());
        assertEquals(server.tcpAddress().getPort(), node.path("endpoints").path("tcp").asInt());
        assertEquals(server.httpAddress().getPort(), node.path("endpoints").path("http").asInt());
        assertEquals("leader", node.path("role").asText());
        assertEquals("healthy", node.path("status").asText());
    }

    @Test
    void snapshotIsAZipAttachmentWithTheRequestedEntries() throws Exception {
        HttpResponse<byte[]> r = post("/snapshot", token,
                "{\"compression\":\"Deflated\",\"snapshot_types\":[\"Test\",\"ServerConfig\"]}",
                BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("iggy_snapshot_"));
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals("test", entries.get("test.txt"));
        assertTrue(entries.containsKey("server_config.txt"), entries.keySet().toString());
    }

    @Test
    void snapshotRejectsAllWithOtherTypesAndUnknownCompressions() throws Exception {
        HttpResponse<String> mixed = post("/snapshot", token,
                "{\"compression\":\"Stored\",\"snapshot_types\":[\"All\",\"Test\"]}", BodyHandlers.ofString());
        assertEquals(400, mixed.statusCode(), mixed.body());
        assertEquals(3, JSON.readTree(mixed.body()).path("id").asInt());
        HttpResponse<String> unknown = post("/snapshot", token,
                "{\"compression\":\"Rar\",\"snapshot_types\":[\"Test\"]}", BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode(), unknown.body());
        HttpResponse<String> anonymous = post("/snapshot", null,
                "{\"compression\":\"Stored\",\"snapshot_types\":[\"Test\"]}", BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }
}
