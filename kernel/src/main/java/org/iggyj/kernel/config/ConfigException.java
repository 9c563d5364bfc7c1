package org.iggyj.kernel.config;

import java.util.List;

/**
 * The server configuration cannot be used: a file is unreadable or one or more keys are invalid.
 * Startup stops with it. The message lists every problem found, one per line, so an operator fixes
 * them all in one go rather than one per restart.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param problems each problem, usually {@code "<key>: <reason>"}; at least one
     */
    public ConfigException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure, may be null
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /**
     * @return every problem, in the order found
     */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        StringBuilder text = new StringBuilder("invalid server configuration (")
            .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
