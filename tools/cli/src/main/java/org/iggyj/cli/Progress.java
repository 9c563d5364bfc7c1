package org.iggyj.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * One progress line for long-running commands ({@code message send} of many messages, {@code message
 * poll --follow}), rewritten in place on standard error, and only when a person is watching: when
 * standard output is a terminal, so scripts and pipes get clean output. {@code IGGY_PROGRESS=always}
 * or {@code never} overrides the detection. Not thread-safe: used by the command's thread.
 */
final class Progress {

    private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";

    private final PrintWriter err;
    private final boolean enabled;
    private boolean shown;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /**
     * @param err where progress goes
     * @param env the environment ({@code IGGY_PROGRESS})
     * @return progress shown when stdout is a terminal or when the environment asks for it
     */
    static Progress of(PrintWriter err, Map<String, String> env) {
        String setting = env.getOrDefault("IGGY_PROGRESS", "auto");
        boolean enabled = switch (setting) {
            case "always" -> true;
            case "never" -> false;
            default -> stdoutIsTerminal();
        };
        return new Progress(err, enabled);
    }

    /** Replaces the progress line with {@code text}. */
    void update(String text) {
        if (enabled) {
            err.print("\r" + text + CLEAR_TO_END_OF_LINE);
            err.flush();
            shown = true;
        }
    }

    /** Clears the progress line, so what follows starts on a clean line. */
    void clear() {
        if (shown) {
            err.print("\r" + CLEAR_TO_END_OF_LINE);
            err.flush();
            shown = false;
        }
    }

    private static boolean stdoutIsTerminal() {
        Object console = System.console();
        if (console == null) {
            return false;
        }
        // JDK 22+ returns a console even when redirected, and says whether it is a terminal.
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
