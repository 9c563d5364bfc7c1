package org.iggyj.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.iggyj.client.ClientTls;
import org.iggyj.client.ClientTransport;
import org.iggyj.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A transport subcommand ({@code tcp}, or {@code websocket} / {@code quic} with the same options): where the server
 * is and whether to use TLS. Invoking it runs the parent scenario without report files; its
 * {@code output} subcommand runs it with them.
 */
@Command(name = "tcp", description = "Benchmark over the Iggy binary protocol on TCP.")
final class TcpCommand implements Callable<Integer> {

    private final ClientTransport transport;

    /** The {@code tcp} subcommand. */
    TcpCommand() {
        this(ClientTransport.TCP);
    }

    /** @param transport the transport this subcommand benchmarks */
    TcpCommand(ClientTransport transport) {
        this.transport = transport;
    }

    @ParentCommand
    ScenarioCommand scenario;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--server-address",
            description = "host:port of the server (default 127.0.0.1:8090 tcp, 127.0.0.1:8092 websocket,"
                    + " 127.0.0.1:8080 quic); for a cluster, several separated by commas"
                    + " (host1:8090,host2:8090): each actor connects to the first that accepts and moves to"
                    + " the next when its node fails, and the report lists each move.")
    String serverAddress;

    @Option(names = "--prefer-leader",
            description = "After connecting, move to the cluster leader that get_cluster_metadata reports.")
    boolean preferLeader;

    @Option(names = "--tls", description = "Connect with TLS (wss for websocket; quic always uses TLS).")
    boolean tls;

    @Option(names = "--tls-ca-file", paramLabel = "<pem>",
            description = "PEM certificate to trust (host name checked); without it any certificate is accepted.")
    Path tlsCaFile;

    @Option(names = "--nodelay", description = "Accepted for upstream compatibility; TCP_NODELAY is always on.")
    boolean nodelay;

    @Override
    public Integer call() {
        return scenario.execute(this, null);
    }

    ClientTransport transport() {
        return transport;
    }

    ClientTls clientTls() {
        if (!tls && transport != ClientTransport.QUIC) {
            return ClientTls.OFF;
        }
        return tlsCaFile == null ? ClientTls.trustingAnyone() : ClientTls.trusting(tlsCaFile);
    }

    private String address() {
        if (serverAddress != null) {
            return serverAddress;
        }
        return switch (transport) {
            case WEBSOCKET -> "127.0.0.1:8092";
            case QUIC -> "127.0.0.1:8080";
            default -> "127.0.0.1:8090";
        };
    }

    List<NodeAddress> nodes() {
        return NodeAddress.parseList(address());
    }
}
