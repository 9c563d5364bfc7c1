package org.iggyj.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CreatePersonalAccessToken;
import org.iggyj.protocol.request.PatName;
import org.iggyj.protocol.wire.WireReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iggy pat list|create|delete}: the logged-in user's personal access tokens. */
@Command(name = "pat", description = "Manage your personal access tokens.", mixinStandardHelpOptions = true)
final class PatCommand extends CliCommand {

    @Command(name = "list", description = "List your tokens.")
    int list() {
        output().rows(Replies.tokens(connection().request(CommandCode.GET_PERSONAL_ACCESS_TOKENS, b -> { })),
                "name", "expiry");
        return 0;
    }

    @Command(name = "create", description = "Create a token and print it (it is shown only once).")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--expiry-s", defaultValue = "0", description = "0 = never") long expirySeconds) {
        byte[] reply = connection().request(CommandCode.CREATE_PERSONAL_ACCESS_TOKEN,
                new CreatePersonalAccessToken(name, expirySeconds * 1_000_000L)::encode);
        String token = WireReader.name(io.netty.buffer.Unpooled.wrappedBuffer(reply));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("token", token);
        output().message(token, row);
        return 0;
    }

    @Command(name = "delete", description = "Delete a token.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return perform(CommandCode.DELETE_PERSONAL_ACCESS_TOKEN, new PatName(name)::encode,
                "token '" + name + "' deleted");
    }
}
