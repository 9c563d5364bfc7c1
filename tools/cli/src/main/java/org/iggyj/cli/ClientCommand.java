package org.iggyj.cli;

import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.GetClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iggy client list|get}: connected clients. */
@Command(name = "client", description = "Show connected clients.", mixinStandardHelpOptions = true)
final class ClientCommand extends CliCommand {

    @Command(name = "list", description = "List connected clients.")
    int list() {
        output().rows(Replies.clients(connection().request(CommandCode.GET_CLIENTS, b -> { }), false),
                "client_id", "user_id", "transport", "address", "consumer_groups");
        return 0;
    }

    @Command(name = "get", description = "Show a client and its consumer groups.")
    int get(@Parameters(paramLabel = "CLIENT_ID") long clientId) {
        output().record(Replies.clients(connection().request(CommandCode.GET_CLIENT, new GetClient(clientId)::encode),
                true).get(0));
        return 0;
    }
}
