package org.iggyj.console;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest. It holds no state: the console's lifecycle is the
 * {@link ConsoleRouteProvider} extension's, started and closed by the kernel.
 */
public final class ConsolePlugin extends Plugin {
}
