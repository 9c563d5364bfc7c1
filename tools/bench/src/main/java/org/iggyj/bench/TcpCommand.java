package org.iggyj.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.iggyj.client.ClientTls;
import org.iggyj.client.ClientTransport;
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
                    + " 127.0.0.1:8080 quic).")
    String serverAddress;

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

    String host() {
        String serverAddress = address();
        int colon = serverAddress.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--server-address must be host:port, got " + serverAddress);
        }
        return serverAddress.substring(0, colon);
    }

    int port() {
        String serverAddress = address();
        try {
            return Integer.parseInt(serverAddress.substring(serverAddress.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--server-address must be host:port, got " + serverAddress);
        }
    }
}
