package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP routes the official SDK's HTTP client does not call (http-api.md §5, §6.3, §6.5, §6.9):
 * flush, delete consumer offset, delete segments, purge topic, purge stream — raw requests, each
 * checked for its status and for its effect.
 */
@Timeout(120)
class HttpMaintenanceRoutesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "/streams/maint/topics/events";

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static HttpClient http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = call("POST", "/users/login",
                "{\"username\":\"" + TestServer.ROOT_USERNAME + "\",\"password\":\"" + TestServer.ROOT_PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        token = JSON.readTree(login.body()).path("access_token").path("token").asText();
        assertEquals(200, call("POST", "/streams", "{\"name\":\"maint\"}").statusCode());
        assertEquals(200, call("POST", "/streams/maint/topics", "{\"name\":\"events\",\"partitions_count\":1,"
                + "\"compression_algorithm\":\"none\",\"message_expiry\":0,\"max_topic_size\":0}").statusCode());
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private static void send(int messages) throws Exception {
        StringBuilder body = new StringBuilder("{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"AAAAAA==\"},"
                + "\"messages\":[");
        for (int i = 0; i < messages; i++) {
            body.append(i == 0 ? "" : ",").append("{\"payload\":\"aGVsbG8=\"}");
        }
        HttpResponse<String> r = call("POST", TOPIC + "/messages", body.append("]}").toString());
        assertEquals(201, r.statusCode(), r.body());
    }

    private static long messagesCount() throws Exception {
        JsonNode topic = JSON.readTree(call("GET", TOPIC, null).body());
        return topic.path("messages_count").asLong();
    }

    @Test
    void flushDeleteOffsetDeleteSegmentsAndPurge() throws Exception {
        send(3);
        assertEquals(3, messagesCount());
        assertEquals(200, call("GET", TOPIC + "/messages/flush/0/true", null).statusCode());
        assertEquals(404, call("GET", TOPIC + "/messages/flush/9/true", null).statusCode());

        HttpResponse<String> stored = call("PUT", TOPIC + "/consumer-offsets",
                "{\"consumer_id\":7,\"partition_id\":0,\"offset\":1}");
        assertEquals(204, stored.statusCode(), stored.body());
        assertEquals(1, JSON.readTree(call("GET", TOPIC + "/consumer-offsets?consumer_id=7&partition_id=0", null)
                .body()).path("stored_offset").asLong());
        assertEquals(204, call("DELETE", TOPIC + "/consumer-offsets/7?partition_id=0", null).statusCode());
        assertEquals(404, call("GET", TOPIC + "/consumer-offsets?consumer_id=7&partition_id=0", null).statusCode());
        HttpResponse<String> again = call("DELETE", TOPIC + "/consumer-offsets/7?partition_id=0", null);
        assertEquals(404, again.statusCode(), again.body());
        assertEquals(3021, JSON.readTree(again.body()).path("id").asInt());

        // Only the active segment exists, and the active segment is never deleted.
        assertEquals(204, call("DELETE", TOPIC + "/partitions/0?segments_count=1", null).statusCode());
        assertEquals(3, messagesCount());

        assertEquals(204, call("DELETE", TOPIC + "/purge", null).statusCode());
        assertEquals(0, messagesCount());
        send(2);
        assertEquals(2, messagesCount());
        assertEquals(204, call("DELETE", "/streams/maint/purge", null).statusCode());
        assertEquals(0, messagesCount());
    }
}
