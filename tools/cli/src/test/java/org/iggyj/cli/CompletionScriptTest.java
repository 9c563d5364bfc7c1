package org.iggyj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/**
 * The bash/zsh completion script shipped in the distribution ({@code completion/iggy_completion}) is
 * the one picocli generates from the current commands. After changing a command, regenerate it with
 * {@code mvn -pl tools/cli test -Dtest=CompletionScriptTest -Diggy.completion.update=true}.
 */
class CompletionScriptTest {

    private static final Path SHIPPED = Path.of("..", "..", "distribution", "src", "main", "resources",
            "completion", "iggy_completion");

    @Test
    void shouldShipTheCompletionScriptOfTheCurrentCommands() throws IOException {
        IggyCli cli = new IggyCli(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of());
        String generated = AutoComplete.bash("iggy", cli.commandLine());
        if (Boolean.getBoolean("iggy.completion.update")) {
            Files.createDirectories(SHIPPED.getParent());
            Files.writeString(SHIPPED, generated);
        }
        assertEquals(generated, Files.exists(SHIPPED) ? Files.readString(SHIPPED) : "<missing " + SHIPPED + ">",
                "completion script is stale; regenerate it with -Diggy.completion.update=true");
    }
}
