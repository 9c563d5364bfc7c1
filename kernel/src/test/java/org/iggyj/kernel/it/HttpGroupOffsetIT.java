package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
            RestCalls rest = new RestCalls(server);
            String token = rest.rootLogin();
            assertEquals(200, rest.json("POST", "/streams", token, "{\"name\":\"lag\"}").statusCode());
            assertEquals(200, rest.json("POST", "/streams/lag/topics", token, "{\"name\":\"events\","
                    + "\"partitions_count\":1,\"compression_algorithm\":\"none\",\"message_expiry\":0,\"max_topic_size\":0}")
                    .statusCode());
            StringBuilder body = new StringBuilder("{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"AAAAAA==\"},"
                    + "\"messages\":[");
            for (int i = 0; i < 5; i++) {
                body.append(i == 0 ? "" : ",").append("{\"payload\":\"aGVsbG8=\"}");
            }
            assertEquals(201, rest.json("POST", TOPIC + "/messages", token, body + "]}").statusCode());
            assertEquals(201, rest.json("POST", TOPIC + "/consumer-groups", token, "{\"name\":\"billing\"}")
                    .statusCode());
            String groupOffset = TOPIC + "/consumer-offsets?consumer_kind=consumer_group&consumer_id=0&partition_id=0";
            assertEquals(404, rest.get(groupOffset, token).statusCode(), "nothing stored yet");

            try (IggyTcpClient member = server.singleConnectionClient()) {
                member.consumerGroups().joinConsumerGroup(0L, 0L, 0L);
                assertEquals(3, member.messages().pollMessages(StreamId.of(0L), TopicId.of(0L), Optional.empty(),
                        Consumer.group(0L), PollingStrategy.next(), 3L, true).messages().size());
            }
            HttpResponse<String> stored = rest.get(groupOffset, token);
            assertEquals(200, stored.statusCode(), stored.body());
            JsonNode offset = JSON.readTree(stored.body());
            assertEquals(2, offset.path("stored_offset").asLong());
            assertEquals(4, offset.path("current_offset").asLong());
            assertEquals(404, rest.get(TOPIC + "/consumer-offsets?consumer_id=0&partition_id=0", token).statusCode(),
                    "a regular consumer with the group's id has stored nothing");
            assertEquals(400, rest.get(TOPIC + "/consumer-offsets?consumer_kind=team&consumer_id=0", token)
                    .statusCode());
        }
    }
}
