package org.iggyj.cli;

import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.PartitionsChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iggy partition create|delete}: add or remove partitions at the end of a topic. */
@Command(name = "partition", description = "Add or remove partitions.", mixinStandardHelpOptions = true)
final class PartitionCommand extends CliCommand {

    @Command(name = "create", description = "Add COUNT partitions to a topic.")
    int create(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
               @Parameters(paramLabel = "COUNT") long count) {
        return perform(CommandCode.CREATE_PARTITIONS, new PartitionsChange(id(stream), id(topic), count)::encode,
                count + " partition(s) added to topic " + topic);
    }

    @Command(name = "delete", description = "Remove the last COUNT partitions of a topic.")
    int delete(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
               @Parameters(paramLabel = "COUNT") long count) {
        return perform(CommandCode.DELETE_PARTITIONS, new PartitionsChange(id(stream), id(topic), count)::encode,
                count + " partition(s) removed from topic " + topic);
    }
}
