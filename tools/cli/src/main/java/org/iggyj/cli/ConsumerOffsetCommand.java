package org.iggyj.cli;

import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.wire.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iggy consumer-offset get|set|delete} for a consumer or, with {@code --group}, a consumer group. */
@Command(name = "consumer-offset", aliases = "co", description = "Read, store or delete consumer offsets.",
        mixinStandardHelpOptions = true)
final class ConsumerOffsetCommand extends CliCommand {

    @Option(names = "--group", description = "CONSUMER names a consumer group rather than a consumer")
    boolean group;

    private Consumer consumer(String id) {
        return group ? Consumer.group(id(id)) : Consumer.consumer(id(id));
    }

    @Command(name = "get", description = "Show the stored offset of a consumer on a partition.")
    int get(@Parameters(paramLabel = "CONSUMER") String consumer, @Parameters(paramLabel = "STREAM") String stream,
            @Parameters(paramLabel = "TOPIC") String topic, @Parameters(paramLabel = "PARTITION") long partition) {
        byte[] reply = connection().request(CommandCode.GET_CONSUMER_OFFSET,
                new ConsumerOffsetRef(consumer(consumer), id(stream), id(topic), partition)::encode);
        output().record(Replies.offset(reply));
        return 0;
    }

    @Command(name = "set", description = "Store an offset for a consumer on a partition.")
    int set(@Parameters(paramLabel = "CONSUMER") String consumer, @Parameters(paramLabel = "STREAM") String stream,
            @Parameters(paramLabel = "TOPIC") String topic, @Parameters(paramLabel = "PARTITION") long partition,
            @Parameters(paramLabel = "OFFSET") long offset) {
        return perform(CommandCode.STORE_CONSUMER_OFFSET,
                new StoreConsumerOffset(consumer(consumer), id(stream), id(topic), partition, offset)::encode,
                "offset " + offset + " stored for " + consumer);
    }

    @Command(name = "delete", description = "Delete the stored offset of a consumer on a partition.")
    int delete(@Parameters(paramLabel = "CONSUMER") String consumer, @Parameters(paramLabel = "STREAM") String stream,
               @Parameters(paramLabel = "TOPIC") String topic, @Parameters(paramLabel = "PARTITION") long partition) {
        return perform(CommandCode.DELETE_CONSUMER_OFFSET,
                new ConsumerOffsetRef(consumer(consumer), id(stream), id(topic), partition)::encode,
                "offset deleted for " + consumer);
    }
}
