package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
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
    private static RestCalls rest;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        rest = new RestCalls(server);
        token = rest.rootLogin();
    }

    private static <T> HttpResponse<T> post(String path, String bearer, String body, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        return rest.send("POST", path, bearer, BodyPublishers.ofString(body), "application/json", handler);
    }

    @Test
    void clusterMetadataDescribesTheSingleNodeWithItsBoundPorts() throws Exception {
        HttpResponse<String> r = rest.get("/cluster/metadata", token);
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
