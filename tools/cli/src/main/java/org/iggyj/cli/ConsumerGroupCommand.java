package org.iggyj.cli;

import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.CreateConsumerGroup;
import org.iggyj.protocol.request.TopicRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iggy consumer-group list|get|create|delete|join|leave}. */
@Command(name = "consumer-group", aliases = "cg", description = "Manage consumer groups.",
        mixinStandardHelpOptions = true)
final class ConsumerGroupCommand extends CliCommand {

    @Command(name = "list", description = "List the consumer groups of a topic.")
    int list(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic) {
        byte[] reply = connection().request(CommandCode.GET_CONSUMER_GROUPS, new TopicRef(id(stream), id(topic))::encode);
        output().rows(Replies.groups(reply, false), "id", "name", "partitions", "members");
        return 0;
    }

    @Command(name = "get", description = "Show a consumer group and its members.")
    int get(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
            @Parameters(paramLabel = "GROUP") String group) {
        byte[] reply = connection().request(CommandCode.GET_CONSUMER_GROUP,
                new ConsumerGroupRef(id(stream), id(topic), id(group))::encode);
        output().record(Replies.groups(reply, true).get(0));
        return 0;
    }

    @Command(name = "create", description = "Create a consumer group; prints its id.")
    int create(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
               @Parameters(paramLabel = "NAME") String name) {
        byte[] reply = connection().request(CommandCode.CREATE_CONSUMER_GROUP,
                new CreateConsumerGroup(id(stream), id(topic), name)::encode);
        Map<String, Object> created = Replies.groups(reply, true).get(0);
        output().message("consumer group '" + name + "' created with id " + created.get("id"), created);
        return 0;
    }

    @Command(name = "delete", description = "Delete a consumer group.")
    int delete(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
               @Parameters(paramLabel = "GROUP") String group) {
        return perform(CommandCode.DELETE_CONSUMER_GROUP,
                new ConsumerGroupRef(id(stream), id(topic), id(group))::encode,
                "consumer group " + group + " deleted");
    }

    @Command(name = "join", description = "Join a group (for as long as this command's connection lives).")
    int join(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
             @Parameters(paramLabel = "GROUP") String group) {
        return perform(CommandCode.JOIN_CONSUMER_GROUP, new ConsumerGroupRef(id(stream), id(topic), id(group))::encode,
                "joined consumer group " + group);
    }

    @Command(name = "leave", description = "Leave a group.")
    int leave(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
              @Parameters(paramLabel = "GROUP") String group) {
        return perform(CommandCode.LEAVE_CONSUMER_GROUP, new ConsumerGroupRef(id(stream), id(topic), id(group))::encode,
                "left consumer group " + group);
    }
}
