package org.iggyj.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code tcp} transport: where the server is. Invoking it runs the parent scenario without report
 * files; its {@code output} subcommand runs it with them.
 */
@Command(name = "tcp", description = "Benchmark over the Iggy binary protocol on TCP.")
final class TcpCommand implements Callable<Integer> {

    @ParentCommand
    ScenarioCommand scenario;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--server-address", defaultValue = "127.0.0.1:8090", description = "host:port of the server.")
    String serverAddress;

    @Option(names = "--nodelay", description = "Accepted for upstream compatibility; TCP_NODELAY is always on.")
    boolean nodelay;

    @Override
    public Integer call() {
        return scenario.execute(this, null);
    }

    String host() {
        int colon = serverAddress.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--server-address must be host:port, got " + serverAddress);
        }
        return serverAddress.substring(0, colon);
    }

    int port() {
        try {
            return Integer.parseInt(serverAddress.substring(serverAddress.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--server-address must be host:port, got " + serverAddress);
        }
    }
}
