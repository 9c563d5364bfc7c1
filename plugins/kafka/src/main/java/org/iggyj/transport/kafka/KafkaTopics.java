package org.iggyj.transport.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.response.StreamReader;
import org.iggyj.protocol.response.TopicReader;

/**
 * The Kafka topics as the kernel knows them: the Iggy topics of the configured stream, read with the
 * connection's own session (so a user sees what Iggy lets it read). Stateless.
 */
final class KafkaTopics {

    private KafkaTopics() {
    }

    /** @return topic name to partition count, empty when the stream does not exist yet */
    static CompletableFuture<Map<String, Integer>> list(KafkaConnection c) {
        return c.iggy().find(CommandCode.GET_STREAM, out -> new StreamRef(c.broker().stream()).encode(out),
                StreamReader::details).thenApply(details -> {
                    Map<String, Integer> topics = new LinkedHashMap<>();
                    details.ifPresent(d -> {
                        for (TopicReader.Topic t : d.topics()) {
                            topics.put(t.name(), (int) t.partitionsCount());
                        }
                    });
                    return topics;
                });
    }
}
