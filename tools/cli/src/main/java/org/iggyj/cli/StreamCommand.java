package org.iggyj.cli;

import java.util.List;
import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.request.UpdateStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iggy stream list|get|create|update|delete|purge}. */
@Command(name = "stream", description = "Manage streams.", mixinStandardHelpOptions = true)
final class StreamCommand extends CliCommand {

    @Command(name = "list", description = "List streams.")
    int list() {
        List<Map<String, Object>> rows = Replies.streams(connection().request(CommandCode.GET_STREAMS, b -> { }), false);
        output().rows(rows, "id", "name", "topics", "messages", "size_bytes", "created_at");
        return 0;
    }

    @Command(name = "get", description = "Show a stream and its topics.")
    int get(@Parameters(paramLabel = "STREAM") String stream) {
        byte[] reply = connection().request(CommandCode.GET_STREAM, new StreamRef(id(stream))::encode);
        output().record(Replies.streams(reply, true).get(0));
        return 0;
    }

    @Command(name = "create", description = "Create a stream; prints its id.")
    int create(@Parameters(paramLabel = "NAME") String name) {
        byte[] reply = connection().request(CommandCode.CREATE_STREAM, new CreateStream(name)::encode);
        Map<String, Object> created = Replies.streams(reply, false).get(0);
        output().message("stream '" + name + "' created with id " + created.get("id"), created);
        return 0;
    }

    @Command(name = "update", description = "Rename a stream.")
    int update(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "NAME") String name) {
        return perform(CommandCode.UPDATE_STREAM, new UpdateStream(id(stream), name)::encode,
                "stream " + stream + " renamed to '" + name + "'");
    }

    @Command(name = "delete", description = "Delete a stream and everything in it.")
    int delete(@Parameters(paramLabel = "STREAM") String stream) {
        return perform(CommandCode.DELETE_STREAM, new StreamRef(id(stream))::encode, "stream " + stream + " deleted");
    }

    @Command(name = "purge", description = "Delete every message of a stream.")
    int purge(@Parameters(paramLabel = "STREAM") String stream) {
        return perform(CommandCode.PURGE_STREAM, new StreamRef(id(stream))::encode, "stream " + stream + " purged");
    }
}
