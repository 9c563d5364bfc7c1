package org.iggyj.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds the picocli tree for one command line with only the command group it names.
 *
 * <p>Design note: picocli builds the model of every registered command by reflection (annotations,
 * their proxies, generic signatures) when the {@link CommandLine} is created; with all groups registered
 * that was most of the CPU time of {@code iggy ping}.
 * So the root command is built alone, without its own command methods ({@code addMethodSubcommands =
 * false}), and the one group or root method whose name (or alias) is the first word that is not a global
 * option is added to it. Whatever else (no command, {@code help}, a mistyped name, a
 * global option this scan does not know) gets every group, so usage, help and "did you mean" work as
 * with the full tree. Value-taking global options are read from {@link IggyCli}'s {@code @Option}
 * fields, so a new one needs no change here.
 */
final class CommandTree {

    /** Commands that work on the whole tree: help on any command, the completion script. */
    private static final Set<Class<?>> NEEDS_WHOLE_TREE =
            Set.of(CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class);

    private CommandTree() {
    }

    /**
     * @param root the root command
     * @param args the arguments after {@code iggy}
     * @return the root with the group {@code args} names, or with every group
     */
    static CommandLine forArgs(IggyCli root, String[] args) {
        CommandLine line = new CommandLine(root);
        String word = commandWord(args);
        Class<?> group = groupNamed(word);
        Method rootMethod = group == null ? rootMethodNamed(word) : null;
        if (group != null) {
            line.addSubcommand(group);
        } else if (rootMethod != null) {
            line.addSubcommand(rootMethod);
        } else {
            for (Method each : CommandLine.getCommandMethods(IggyCli.class, null)) {
                line.addSubcommand(each);
            }
            // a loop, not forEach(line::addSubcommand): a method reference to picocli's CommandLine would keep
            // that class out of bin/iggy's class data sharing archive (see IggyCli.ErrorPrinter)
            for (Class<?> each : IggyCli.SUBCOMMANDS) {
                line.addSubcommand(each);
            }
        }
        return line;
    }

    /** @return the first argument that is neither a global option nor an option's value, or null */
    static String commandWord(String[] args) {
        Set<String> takingValue = optionsTakingValue();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg;
            }
            if (takingValue.contains(arg)) {
                i++;
            }
        }
        return null;
    }

    /** @return the root's command method named {@code word} (ping, login, ...), or null */
    private static Method rootMethodNamed(String word) {
        if (word == null) {
            return null;
        }
        for (Method method : CommandLine.getCommandMethods(IggyCli.class, null)) {
            if (method.getAnnotation(Command.class).name().equals(word)) {
                return method;
            }
        }
        return null;
    }

    private static Class<?> groupNamed(String word) {
        if (word == null) {
            return null;
        }
        for (Class<?> group : IggyCli.SUBCOMMANDS) {
            Command command = group.getAnnotation(Command.class);
            if (command.name().equals(word) || java.util.Arrays.asList(command.aliases()).contains(word)) {
                return NEEDS_WHOLE_TREE.contains(group) ? null : group;
            }
        }
        return null;
    }

    private static Set<String> optionsTakingValue() {
        Set<String> names = new HashSet<>();
        for (Field field : IggyCli.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && field.getType() != boolean.class && field.getType() != Boolean.class) {
                names.addAll(java.util.Arrays.asList(option.names()));
            }
        }
        return names;
    }
}
