package org.iggyj.cli;

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

    void done(String text) {
        output().message(text, java.util.Map.of("result", "ok", "message", text));
    }
}
