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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.PollingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET …/consumer-offsets?consumer_kind=consumer_group}: the iggyj extension that lets HTTP
 * clients (the web console) read a consumer group's stored offset, here after an official SDK
 * member polled with auto-commit over TCP.
 */
@Timeout(120)
class HttpGroupOffsetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "/streams/lag/topics/events";

    @TempDir
    Path dataDir;

    @Test
    void shouldReadAGroupsStoredOffsetOverHttp() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + server.httpAddress().getPort();
            JsonNode login = JSON.readTree(call(http, base, null, "POST", "/users/login",
                    "{\"username\":\"" + TestServer.ROOT_USERNAME + "\",\"password\":\"" + TestServer.ROOT_PASSWORD + "\"}")
                    .body());
            String token = login.path("access_token").path("token").asText();
            assertEquals(200, call(http, base, token, "POST", "/streams", "{\"name\":\"lag\"}").statusCode());
            assertEquals(200, call(http, base, token, "POST", "/streams/lag/topics", "{\"name\":\"events\","
                    + "\"partitions_count\":1,\"compression_algorithm\":\"none\",\"message_expiry\":0,\"max_topic_size\":0}")
                    .statusCode());
            StringBuilder body = new StringBuilder("{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"AAAAAA==\"},"
                    + "\"messages\":[");
            for (int i = 0; i < 5; i++) {
                body.append(i == 0 ? "" : ",").append("{\"payload\":\"aGVsbG8=\"}");
            }
            assertEquals(201, call(http, base, token, "POST", TOPIC + "/messages", body + "]}").statusCode());
            assertEquals(201, call(http, base, token, "POST", TOPIC + "/consumer-groups", "{\"name\":\"billing\"}")
                    .statusCode());
            String groupOffset = TOPIC + "/consumer-offsets?consumer_kind=consumer_group&consumer_id=0&partition_id=0";
            assertEquals(404, call(http, base, token, "GET", groupOffset, null).statusCode(), "nothing stored yet");

            try (IggyTcpClient member = server.singleConnectionClient()) {
                member.consumerGroups().joinConsumerGroup(0L, 0L, 0L);
                assertEquals(3, member.messages().pollMessages(StreamId.of(0L), TopicId.of(0L), Optional.empty(),
                        Consumer.group(0L), PollingStrategy.next(), 3L, true).messages().size());
            }
            HttpResponse<String> stored = call(http, base, token, "GET", groupOffset, null);
            assertEquals(200, stored.statusCode(), stored.body());
            JsonNode offset = JSON.readTree(stored.body());
            assertEquals(2, offset.path("stored_offset").asLong());
            assertEquals(4, offset.path("current_offset").asLong());
            assertEquals(404, call(http, base, token, "GET", TOPIC + "/consumer-offsets?consumer_id=0&partition_id=0",
                    null).statusCode(), "a regular consumer with the group's id has stored nothing");
            assertEquals(400, call(http, base, token, "GET", TOPIC + "/consumer-offsets?consumer_kind=team&consumer_id=0",
                    null).statusCode());
        }
    }

    private static HttpResponse<String> call(HttpClient http, String base, String token, String method, String path,
                                             String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
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
}
