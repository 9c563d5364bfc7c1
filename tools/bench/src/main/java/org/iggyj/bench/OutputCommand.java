package org.iggyj.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code output}: also write {@code report.json} and {@code report.html} into a directory. */
@Command(name = "output", description = "Write report.json and report.html.")
final class OutputCommand implements Callable<Integer> {

    @ParentCommand
    TcpCommand tcp;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "performance_results", description = "Report directory.")
    String outputDir;

    @Option(names = "--identifier", description = "Label of this run (default: the host name).")
    String identifier;

    @Option(names = "--remark", description = "Free remark stored in the report.")
    String remark;

    @Override
    public Integer call() {
        return tcp.scenario.execute(tcp, this);
    }
}
