package org.iggyj.cli;

import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.DeleteSegments;
import org.iggyj.protocol.request.FlushUnsavedBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iggy segment delete|flush}. */
@Command(name = "segment", description = "Delete old segments or flush a partition.", mixinStandardHelpOptions = true)
final class SegmentCommand extends CliCommand {

    @Command(name = "delete", description = "Delete the oldest COUNT sealed segments of a partition.")
    int delete(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
               @Parameters(paramLabel = "PARTITION") long partition, @Parameters(paramLabel = "COUNT") long count) {
        return perform(CommandCode.DELETE_SEGMENTS, new DeleteSegments(id(stream), id(topic), partition, count)::encode,
                "segments deleted from partition " + partition);
    }

    @Command(name = "flush", description = "Flush a partition's unsaved messages to disk.")
    int flush(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
              @Parameters(paramLabel = "PARTITION") long partition, @Option(names = "--fsync") boolean fsync) {
        return perform(CommandCode.FLUSH_UNSAVED_BUFFER,
                new FlushUnsavedBuffer(id(stream), id(topic), partition, fsync)::encode,
                "partition " + partition + " flushed");
    }
}
