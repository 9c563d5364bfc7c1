package org.iggyj.cli;

import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.request.TopicRef;
import org.iggyj.protocol.request.UpdateTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iggy topic list|get|create|update|delete|purge}. */
@Command(name = "topic", description = "Manage topics.", mixinStandardHelpOptions = true)
final class TopicCommand extends CliCommand {

    @Command(name = "list", description = "List the topics of a stream.")
    int list(@Parameters(paramLabel = "STREAM") String stream) {
        byte[] reply = connection().request(CommandCode.GET_TOPICS, new StreamRef(id(stream))::encode);
        output().rows(Replies.topics(reply, false), "id", "name", "partitions", "messages", "size_bytes",
                "message_expiry_us", "max_topic_size");
        return 0;
    }

    @Command(name = "get", description = "Show a topic and its partitions.")
    int get(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic) {
        byte[] reply = connection().request(CommandCode.GET_TOPIC, new TopicRef(id(stream), id(topic))::encode);
        output().record(Replies.topics(reply, true).get(0));
        return 0;
    }

    @Command(name = "create", description = "Create a topic; prints its id.")
    int create(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "NAME") String name,
               @Option(names = "--partitions", defaultValue = "1") long partitions,
               @Option(names = "--message-expiry-us", defaultValue = "0",
                       description = "0 = server default, -1 = never") long expiryUs,
               @Option(names = "--max-size-bytes", defaultValue = "0",
                       description = "0 = server default, -1 = unlimited") long maxSize) {
        CreateTopic create = new CreateTopic(id(stream), partitions, 1, expiryUs, maxSize, 0, name);
        byte[] reply = connection().request(CommandCode.CREATE_TOPIC, create::encode);
        Map<String, Object> created = Replies.topics(reply, true).get(0);
        output().message("topic '" + name + "' created with id " + created.get("id"), created);
        return 0;
    }

    @Command(name = "update", description = "Rename a topic or change its expiry and size cap.")
    int update(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
               @Parameters(paramLabel = "NAME") String name,
               @Option(names = "--message-expiry-us", defaultValue = "0") long expiryUs,
               @Option(names = "--max-size-bytes", defaultValue = "0") long maxSize) {
        return perform(CommandCode.UPDATE_TOPIC,
                new UpdateTopic(id(stream), id(topic), 1, expiryUs, maxSize, 0, name)::encode,
                "topic " + topic + " updated");
    }

    @Command(name = "delete", description = "Delete a topic.")
    int delete(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic) {
        return perform(CommandCode.DELETE_TOPIC, new TopicRef(id(stream), id(topic))::encode,
                "topic " + topic + " deleted");
    }

    @Command(name = "purge", description = "Delete every message of a topic.")
    int purge(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic) {
        return perform(CommandCode.PURGE_TOPIC, new TopicRef(id(stream), id(topic))::encode,
                "topic " + topic + " purged");
    }
}
