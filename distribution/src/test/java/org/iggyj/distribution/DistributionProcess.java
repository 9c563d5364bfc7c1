package org.iggyj.distribution;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A copy of the unpacked distribution in a temporary directory, started as a real process with
 * {@code bin/iggy-server}, so a test may remove files from it without touching the build output.
 */
final class DistributionProcess implements AutoCloseable {

    /**
     * How long a test waits for a started server to serve. It starts in seconds alone; on a machine
     * loaded by parallel builds (load average 35 on 2 cores) starting the full profile took over a
     * minute, so the bound is generous: a passing run never waits for it.
     */
    static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path home;
    private final Path workDir;
    private final Path log;
    private final int tcpPort;
    private final int webSocketPort;
    private final int httpPort;
    private final int metricsPort;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private Process process;

    private DistributionProcess(Path home, Path workDir, int tcpPort, int webSocketPort, int httpPort, int metricsPort) {
        this.home = home;
        this.workDir = workDir;
        this.log = workDir.resolve("server.log");
        this.tcpPort = tcpPort;
        this.webSocketPort = webSocketPort;
        this.httpPort = httpPort;
        this.metricsPort = metricsPort;
    }

    /**
     * @param tempDir where to copy the distribution
     * @return a stopped copy
     * @throws IOException when the copy fails
     */
    static DistributionProcess copyInto(Path tempDir) throws IOException {
        Path source = Path.of(System.getProperty("iggy.distribution.dir"));
        Path home = tempDir.resolve("iggy-server");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        home.resolve("bin/iggy-server").toFile().setExecutable(true);
        home.resolve("bin/iggy").toFile().setExecutable(true);
        Path work = Files.createDirectories(tempDir.resolve("work"));
        return new DistributionProcess(home, work, freePort(), freePort(), freePort(), freePort());
    }

    Path home() {
        return home;
    }

    /** @return extra environment variables for the next {@link #start}, e.g. {@code JAVA_OPTS} */
    java.util.Map<String, String> environment() {
        return environment;
    }

    int tcpPort() {
        return tcpPort;
    }

    int webSocketPort() {
        return webSocketPort;
    }

    Path workDir() {
        return workDir;
    }

    /** Extra IGGY_* variables for the next {@link #start()}. */
    void putEnv(String name, String value) {
        environment.put(name, value);
    }

    int httpPort() {
        return httpPort;
    }

    void start() throws IOException {
        start(new String[0]);
    }

    /**
     * @param extraArgs options passed to {@code bin/iggy-server} after {@code --with-default-root-credentials}
     * @throws IOException when the process cannot be started
     */
    void start(String... extraArgs) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                home.resolve("bin/iggy-server").toString(), "--with-default-root-credentials"));
        command.addAll(java.util.List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("IGGY_TCP_ADDRESS", "127.0.0.1:" + tcpPort);
        pb.environment().put("IGGY_HTTP_ADDRESS", "127.0.0.1:" + httpPort);
        pb.environment().put("IGGY_METRICS_ADDRESS", "127.0.0.1:" + metricsPort);
        pb.environment().put("IGGY_WEBSOCKET_ADDRESS", "127.0.0.1:" + webSocketPort);
        pb.environment().put("IGGY_QUIC_ADDRESS", "127.0.0.1:0");
        pb.environment().put("IGGY_KAFKA_ADDRESS", "127.0.0.1:0");
        environment.forEach(pb.environment()::put);
        process = pb.start();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** @return the server's log, or why it cannot be read: for the message of a failed assertion */
    String logOrError() {
        try {
            return log();
        } catch (IOException e) {
            return "<log unreadable: " + e + ">";
        }
    }

    boolean tcpAccepts() {
        return accepts(tcpPort);
    }

    boolean httpAccepts() {
        return accepts(httpPort);
    }

    /**
     * @param path an HTTP path, e.g. {@code /ping}
     * @return the status and body of a GET on the distribution's HTTP port
     * @throws IOException when the request fails
     * @throws InterruptedException when interrupted
     */
    HttpResponse<String> httpGet(String path) throws IOException, InterruptedException {
        return get(httpPort, path);
    }

    /**
     * @param path an HTTP path on the metrics plugin's own listener (used when no HTTP transport runs)
     * @return the status and body of a GET
     * @throws IOException when the request fails
     * @throws InterruptedException when interrupted
     */
    HttpResponse<String> metricsGet(String path) throws IOException, InterruptedException {
        return get(metricsPort, path);
    }

    boolean metricsAccepts() {
        return accepts(metricsPort);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** @return whether a listener on loopback {@code port} accepts a connection within half a second */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param timeout how long to wait for the process to end
     * @return its exit code, or -1 when it is still running after {@code timeout}
     */
    int exitCode(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits, in bounded steps, until the condition holds or the timeout passes. */
    boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (process != null && !process.isAlive()) {
                return condition.getAsBoolean();
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /**
     * Sends a signal to the server's JVM, e.g. {@code STOP} to freeze it as if cut off from the
     * network and {@code CONT} to let it go on.
     */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /**
     * @return the server JVM's thread dump ({@code jcmd Thread.print} of the JDK running the tests), or
     *         why there is none; for a test that timed out waiting on this server
     */
    String threadDump() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return "<not running>";
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] out = dump.getInputStream().readAllBytes();
            dump.waitFor(30, TimeUnit.SECONDS);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<no thread dump: " + e + ">";
        }
    }

    /** Kills the server with SIGKILL (bin/iggy-server execs java, so this is the JVM) and waits for it. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path onlyFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .min(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException("no " + prefix + "* in " + dir));
        }
    }
}
