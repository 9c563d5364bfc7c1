package org.iggyj.kernel.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text of each snapshot entry, produced with JDK means (0.8 runs {@code ls}, {@code ps} and
 * {@code top}; the entry names are what clients rely on, the text is for people).
 *
 * <p>Thread-safe: stateless apart from the paths it is given.
 */
public final class SystemReports {

    private static final int MAX_LISTED_ENTRIES = 10_000;

    private final Path dataDir;
    private final Path logDir;
    private final Path configFile;

    /**
     * @param dataDir    {@code system.path}, listed by the filesystem overview
     * @param logDir     directory of the server's log files
     * @param configFile the effective configuration file ({@code runtime/current_config.toml})
     */
    public SystemReports(Path dataDir, Path logDir, Path configFile) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.configFile = configFile;
    }

    /**
     * @param type a snapshot type
     * @return the entry's bytes
     * @throws UncheckedIOException when the content cannot be produced (the entry is then skipped)
     */
    public byte[] report(SnapshotType type) {
        try {
            return switch (type) {
                case FILESYSTEM_OVERVIEW -> text(filesystemOverview());
                case PROCESS_LIST -> text(processList());
                case RESOURCE_USAGE -> text(resourceUsage());
                case TEST -> text("test");
                case SERVER_LOGS -> serverLogs();
                case SERVER_CONFIG -> Files.readAllBytes(configFile);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String filesystemOverview() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), dataDir)) {
            out.append(root.toAbsolutePath()).append(":\n");
            if (!Files.isDirectory(root)) {
                out.append("  (missing)\n\n");
                continue;
            }
            try (Stream<Path> paths = Files.walk(root, root.equals(dataDir) ? Integer.MAX_VALUE : 1)) {
                paths.limit(MAX_LISTED_ENTRIES).forEach(p -> out.append(line(root, p)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String line(Path root, Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            char kind = a.isDirectory() ? 'd' : a.isSymbolicLink() ? 'l' : '-';
            return String.format("%c %14d %s %s%n", kind, a.size(), a.lastModifiedTime(), root.relativize(path));
        } catch (IOException e) {
            return "? " + root.relativize(path) + " (" + e.getMessage() + ")\n";
        }
    }

    private static String processList() {
        StringBuilder out = new StringBuilder(String.format("%8s %8s %-12s %-24s %s%n",
            "PID", "PPID", "USER", "STARTED", "COMMAND"));
        ProcessHandle.allProcesses().forEach(p -> {
            ProcessHandle.Info info = p.info();
            out.append(String.format("%8d %8s %-12s %-24s %s%n", p.pid(),
                p.parent().map(h -> Long.toString(h.pid())).orElse("-"),
                info.user().orElse("?"),
                info.startInstant().map(Instant::toString).orElse("?"),
                info.commandLine().orElse(info.command().orElse("?"))));
        });
        return out.toString();
    }

    private static String resourceUsage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Runtime rt = Runtime.getRuntime();
        StringBuilder out = new StringBuilder();
        out.append("os: ").append(os.getName()).append(' ').append(os.getVersion()).append(' ')
            .append(os.getArch()).append('\n');
        out.append("available processors: ").append(os.getAvailableProcessors()).append('\n');
        out.append("system load average: ").append(os.getSystemLoadAverage()).append('\n');
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            out.append("process cpu load: ").append(sun.getProcessCpuLoad()).append('\n');
            out.append("system cpu load: ").append(sun.getCpuLoad()).append('\n');
            out.append("total memory: ").append(sun.getTotalMemorySize()).append('\n');
            out.append("free memory: ").append(sun.getFreeMemorySize()).append('\n');
        }
        out.append("jvm heap used: ").append(rt.totalMemory() - rt.freeMemory()).append('\n');
        out.append("jvm heap max: ").append(rt.maxMemory()).append('\n');
        out.append("uptime ms: ").append(ManagementFactory.getRuntimeMXBean().getUptime()).append("\n\nthreads:\n");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo t : threads.dumpAllThreads(false, false, 0)) {
            long cpuNanos = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(t.getThreadId()) : -1;
            out.append(String.format("%6d %-14s cpu_ms=%-8d %s%n", t.getThreadId(), t.getThreadState(),
                cpuNanos < 0 ? -1 : cpuNanos / 1_000_000, t.getThreadName()));
        }
        return out.toString();
    }

    /** Every log file, oldest first, concatenated; empty when there are none. */
    private byte[] serverLogs() throws IOException {
        if (!Files.isDirectory(logDir)) {
            return new byte[0];
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(logDir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparing(SystemReports::modified));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Path file : files) {
            out.write(Files.readAllBytes(file));
        }
        return out.toByteArray();
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
