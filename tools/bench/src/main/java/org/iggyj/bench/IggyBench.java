package org.iggyj.bench;

import org.iggyj.client.ClientTransport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iggy-bench [global options] <scenario> [scenario options] tcp [--server-address host:port]
 * [output -o dir]}, shaped like upstream iggy-bench (server-semantics §4.1). This class holds the global
 * options and builds the command tree: one subcommand per {@link Scenario} (with its upstream alias),
 * each with a {@code tcp} transport subcommand, which has an optional {@code output} subcommand.
 *
 * <p>Exit status: 0 when every actor finished, 1 when the server failed or an actor stopped early, 2 for
 * a usage error.
 */
@Command(name = "iggy-bench", mixinStandardHelpOptions = true, version = "iggyj-bench 0.1.0",
        description = "Benchmarks an Iggy 0.8 server over TCP with the upstream iggy-bench scenarios.")
public final class IggyBench implements Runnable {

    @Option(names = {"-m", "--message-size"}, defaultValue = "1000", description = "Payload bytes per message.")
    int messageSize;

    @Option(names = {"-P", "--messages-per-batch"}, defaultValue = "1000", description = "Messages per send/poll.")
    int messagesPerBatch;

    @Option(names = "--poll-messages", defaultValue = "0",
            description = "Messages a consumer asks for per poll; 0 = --messages-per-batch.")
    int pollMessages;

    @Option(names = "--polls-in-flight", defaultValue = "2",
            description = "Polls each consumer keeps in flight on its connection (fetch-ahead, as Kafka's consumer);"
                    + " 1 waits for each reply.")
    int pollsInFlight;

    @Option(names = {"-b", "--message-batches"}, defaultValue = "1000", description = "Batches per actor.")
    long batches;

    @Option(names = {"-r", "--rate-limit"}, description = "Aggregate payload rate of all producers, e.g. 100MB.")
    String rateLimit;

    @Option(names = "--in-flight", defaultValue = "1",
            description = "Sends each producer keeps in flight on its connection (pipelining); 1 waits for each reply.")
    int inFlight;

    @Option(names = {"-w", "--warmup-time"}, defaultValue = "0s", description = "Unmeasured sending first, e.g. 2s.")
    String warmupTime;

    @Option(names = "--warmup-messages", defaultValue = "0",
            description = "Messages each actor moves unmeasured first, on its own connection, rounded up to whole"
                    + " batches (-P); the run's clock starts when every actor is done. A consumer reads them from the"
                    + " start of its partition: what a producer of the same options wrote before its measured batches.")
    long warmupMessages;

    @Option(names = {"-t", "--sampling-time"}, defaultValue = "10ms", description = "Time-series bucket.")
    String samplingTime;

    @Option(names = {"-W", "--moving-average-window"}, defaultValue = "20", description = "Chart smoothing, buckets.")
    int movingAverageWindow;

    @Option(names = {"-u", "--username"}, defaultValue = "iggy", description = "Login user.")
    String username;

    @Option(names = {"-p", "--password"}, defaultValue = "iggy", description = "Login password.")
    String password;

    @Option(names = "--reuse-streams", description = "Keep existing bench streams instead of recreating them.")
    boolean reuseStreams;

    @Option(names = "--idle-timeout", defaultValue = "5s",
            description = "A consumer that receives nothing for this long stops.")
    String idleTimeout;

    /**
     * Runs the command line with {@code System.out} and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Runs the command line without exiting (for tests and embedding).
     *
     * @param args the command line
     * @param out  progress, summary and help
     * @param err  errors and usage
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new IggyBench());
        for (Scenario s : Scenario.values()) {
            CommandLine tcp = new CommandLine(new TcpCommand());
            tcp.addSubcommand("output", new CommandLine(new OutputCommand()));
            CommandLine scenario = new CommandLine(new ScenarioCommand(s));
            scenario.addSubcommand("tcp", tcp);
            CommandLine websocket = new CommandLine(new TcpCommand(ClientTransport.WEBSOCKET));
            websocket.addSubcommand("output", new CommandLine(new OutputCommand()));
            websocket.getCommandSpec().usageMessage()
                    .description("Benchmark over the Iggy binary protocol on WebSocket.");
            scenario.addSubcommand("websocket", websocket);
            CommandLine quic = new CommandLine(new TcpCommand(ClientTransport.QUIC));
            quic.addSubcommand("output", new CommandLine(new OutputCommand()));
            quic.getCommandSpec().usageMessage()
                    .description("Benchmark over the Iggy binary protocol on QUIC (ALPN iggy, always TLS).");
            scenario.addSubcommand("quic", quic);
            scenario.getCommandSpec().usageMessage().description(s.description());
            cli.addSubcommand(s.command(), scenario, s.alias());
        }
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing benchmark scenario");
    }
}
