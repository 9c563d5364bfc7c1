package org.iggyj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    private final IggyCli cli = new IggyCli(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            Map.of());

    @Test
    void shouldFindTheCommandWordAfterGlobalOptionsAndTheirValues() {
        assertEquals("stream", CommandTree.commandWord(new String[] {"-a", "h:1", "--tls", "-u", "x", "stream", "list"}));
        assertEquals("ping", CommandTree.commandWord(new String[] {"--address=h:1", "-o", "json", "ping"}));
        assertEquals("cg", CommandTree.commandWord(new String[] {"--transport", "quic", "cg", "list"}));
        assertNull(CommandTree.commandWord(new String[] {"--version"}));
        assertNull(CommandTree.commandWord(new String[] {"-a", "h:1"}));
    }

    @Test
    void shouldRegisterOnlyTheNamedGroup() {
        CommandLine line = CommandTree.forArgs(cli, new String[] {"-u", "iggy", "topic", "list", "orders"});
        assertTrue(line.getSubcommands().containsKey("topic"));
        assertTrue(!line.getSubcommands().containsKey("stream"));
        assertTrue(!line.getSubcommands().containsKey("ping"), "no root command method either");
    }

    @Test
    void shouldRegisterTheGroupByItsAlias() {
        CommandLine line = CommandTree.forArgs(cli, new String[] {"cg", "list", "s", "t"});
        assertTrue(line.getSubcommands().containsKey("consumer-group"));
        assertTrue(!line.getSubcommands().containsKey("stream"));
    }

    @Test
    void shouldRegisterOnlyTheNamedRootCommand() {
        CommandLine line = CommandTree.forArgs(cli, new String[] {"-a", "h:1", "ping", "-c", "2"});
        assertEquals(Set.of("ping"), line.getSubcommands().keySet());
    }

    @Test
    void shouldRegisterEveryGroupForHelpUnknownWordsAndNoCommand() {
        Set<String> all = CommandTree.forArgs(cli, new String[0]).getSubcommands().keySet();
        assertTrue(all.containsAll(Set.of("stream", "topic", "message", "cluster", "help", "ping", "login", "logout")),
                all.toString());
        assertEquals(all, CommandTree.forArgs(cli, new String[] {"help", "stream"}).getSubcommands().keySet());
        assertEquals(all, CommandTree.forArgs(cli, new String[] {"strem", "list"}).getSubcommands().keySet());
        assertEquals(all, CommandTree.forArgs(cli, new String[] {"generate-completion"}).getSubcommands().keySet());
    }
}
