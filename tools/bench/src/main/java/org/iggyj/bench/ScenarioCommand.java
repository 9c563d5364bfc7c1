package org.iggyj.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.iggyj.client.IggyClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One scenario's subcommand and its options (unset ones take the scenario's defaults). Runs the benchmark
 * when its transport subcommand is invoked; on its own it only reports the missing transport.
 */
@Command(footer = "Follow the scenario with its transport: tcp|websocket|quic [--server-address host:port] [--tls"
        + " [--tls-ca-file pem]] [output -o dir].")
final class ScenarioCommand implements Runnable {

    private final Scenario scenario;

    @ParentCommand
    IggyBench global;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-p", "--producers"}, description = "Producers (producing consumers for e2e).")
    Integer producers;

    @Option(names = {"-c", "--consumers"}, description = "Consumers.")
    Integer consumers;

    @Option(names = {"-s", "--streams"}, description = "Streams.")
    Integer streams;

    @Option(names = {"-a", "--partitions"}, description = "Partitions of each topic created.")
    Integer partitions;

    @Option(names = {"-g", "--consumer-groups"}, description = "Consumer groups.")
    Integer groups;

    ScenarioCommand(Scenario scenario) {
        this.scenario = scenario;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing transport: tcp, websocket or quic");
    }

    /**
     * Resolves the settings, runs the benchmark, prints the summary and writes the reports.
     *
     * @param output the output options, or null for no report files
     * @return the exit status
     */
    int execute(TcpCommand tcp, OutputCommand output) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchSettings settings;
        try {
            settings = settings(tcp, output);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            BenchReport report = new BenchRunner(settings, out).run();
            SummaryPrinter.print(report, out);
            if (settings.outputDir() != null) {
                new ReportWriter().write(report, settings.outputDir());
                out.println("Report written to " + settings.outputDir().resolve(ReportWriter.HTML_FILE));
            }
            return report.errors().isEmpty() ? 0 : 1;
        } catch (IggyClientException e) {
            err.println("iggy-bench: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("iggy-bench: cannot write the report: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private BenchSettings settings(TcpCommand tcp, OutputCommand output) {
        int p = scenario.producing() == Scenario.Producing.NONE ? 0
                : producers != null ? producers : scenario.defaultProducers();
        int c = scenario.consuming() == Scenario.Consuming.NONE ? 0
                : consumers != null ? consumers : scenario.defaultConsumers();
        int s = streams != null ? streams : scenario.defaultStreams(p, c);
        int a = partitions != null ? partitions : scenario.defaultPartitions();
        int g = groups != null ? groups : scenario.defaultGroups();
        long rate = global.rateLimit == null ? 0 : Units.parseBytes(global.rateLimit);
        Path dir = output == null ? null : Path.of(output.outputDir);
        String identifier = output == null || output.identifier == null ? hostName() : output.identifier;
        String remark = output == null || output.remark == null ? "" : output.remark;
        return new BenchSettings(scenario, global.messageSize, global.messagesPerBatch, global.batches, p, c, s, a,
                g, Units.parseDurationNs(global.warmupTime), warmupBatches(),
                Units.parseDurationNs(global.samplingTime),
                global.movingAverageWindow, rate, global.username, global.password, tcp.nodes(), tcp.preferLeader,
                global.reuseStreams, Units.parseDurationNs(global.idleTimeout), dir, identifier, remark,
                tcp.transport(), tcp.clientTls(), global.inFlight,
                global.pollMessages == 0 ? global.messagesPerBatch : global.pollMessages, global.pollsInFlight);
    }

    /** @return --warmup-messages in whole batches, rounded up (a negative count is left to the settings' check) */
    private long warmupBatches() {
        long n = global.warmupMessages;
        return n <= 0 ? n : (n + global.messagesPerBatch - 1) / Math.max(1, global.messagesPerBatch);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }
}
