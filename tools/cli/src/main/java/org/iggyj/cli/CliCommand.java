package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.function.Consumer;
import org.iggyj.protocol.wire.Identifier;
import picocli.CommandLine.ParentCommand;

/** What every command group shares: the root command (options, connection, output) and id parsing. */
abstract class CliCommand {

    @ParentCommand
    IggyCli cli;

    CliConnection connection() {
        return cli.connection();
    }

    Output output() {
        return cli.output();
    }

    /**
     * @param text a numeric id or a name
     * @return a numeric identifier for digits only, else a named one
     */
    static Identifier id(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Identifier.numeric(Long.parseLong(text));
        }
        return Identifier.named(text);
    }

    /**
     * Sends a command whose reply carries nothing and reports how it went.
     *
     * @param command a command code
     * @param payload writes the request's payload
     * @param outcome what to say once the server accepted it
     * @return 0, the exit status
     */
    int perform(int command, Consumer<ByteBuf> payload, String outcome) {
        connection().request(command, payload);
        output().message(outcome, Map.of("result", "ok", "message", outcome));
        return 0;
    }
}
