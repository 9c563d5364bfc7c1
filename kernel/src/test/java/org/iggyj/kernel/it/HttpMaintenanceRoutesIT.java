package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
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

    private static RestCalls rest;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        rest = new RestCalls(servers.start());
        token = rest.rootLogin();
        assertEquals(200, call("POST", "/streams", "{\"name\":\"maint\"}").statusCode());
        assertEquals(200, call("POST", "/streams/maint/topics", "{\"name\":\"events\",\"partitions_count\":1,"
                + "\"compression_algorithm\":\"none\",\"message_expiry\":0,\"max_topic_size\":0}").statusCode());
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return rest.json(method, path, token, body);
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
