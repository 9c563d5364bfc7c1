package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom-transport kit end to end: builds {@code examples/line-transport} (its own Maven project,
 * depending only on the SPI) with the Maven running this build, drops the jar into a copy of the
 * distribution's {@code plugins/}, starts the server and talks the line protocol over a socket.
 *
 * <p>The example resolves {@code org.iggyj:iggyj-spi} from the local repository; {@code mvn verify}
 * does not install, so this test first copies this reactor's protocol, spi and parent artifacts
 * there (as {@code install} would) so the example is built against exactly this build.
 */
@Timeout(300)
class LineTransportIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldBuildTheExampleTransportAndServeItsLineProtocol() throws Exception {
        Path jar = buildExample();
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.copy(jar, server.home().resolve("plugins").resolve(jar.getFileName()));
            int port = DistributionProcess.freePort();
            // [line] is the plugin's own section: the kernel applies IGGY_LINE_ADDRESS to it.
            server.environment().put("IGGY_LINE_ADDRESS", "127.0.0.1:" + port);
            server.start();
            assertTrue(server.await(() -> DistributionProcess.accepts(port), DistributionProcess.STARTUP),
                    () -> "line transport did not come up; log:\n" + server.logOrError());
            // The kernel logs this after the transport's start() returns, which may be just after it accepts.
            assertTrue(server.await(() -> server.logOrError().contains("Transport line listening"),
                    Duration.ofSeconds(30)),
                    server::logOrError);
            // Written once every transport is up, so possibly a moment after this one accepts.
            Path runtimeConfig = server.workDir().resolve("local_data/runtime/current_config.toml");
            assertTrue(server.await(() -> Files.exists(runtimeConfig), DistributionProcess.STARTUP),
                    server::logOrError);
            String effective = Files.readString(runtimeConfig);
            assertTrue(effective.contains("[line]\nenabled = true\naddress = \"127.0.0.1:" + port + "\""), effective);

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("OK PONG", ask(out, in, "PING"));
                assertTrue(ask(out, in, "STREAMS").startsWith("ERR 40 "), "must log in first");
                assertTrue(ask(out, in, "LOGIN iggy nope").startsWith("ERR 42 "));
                assertEquals("OK 0", ask(out, in, "LOGIN iggy iggy"));
                assertEquals("OK 0", ask(out, in, "CREATE_STREAM lines"));
                assertEquals("OK 0", ask(out, in, "CREATE_TOPIC lines words 1"));
                assertEquals("OK", ask(out, in, "SEND lines words hello line world"));
                assertEquals("OK", ask(out, in, "SEND 0 0 second"));
                assertEquals("OK 0:lines", ask(out, in, "STREAMS"));
                assertEquals("OK 2 0=hello line world 1=second", ask(out, in, "POLL lines words 0 0 10"));
                assertTrue(ask(out, in, "FROB").startsWith("ERR 3 "));
            }
        }
    }

    private static String ask(PrintWriter out, BufferedReader in, String line) throws IOException {
        out.println(line);
        return in.readLine();
    }

    private Path buildExample() throws Exception {
        Path root = Path.of(System.getProperty("iggy.repo.root")).toAbsolutePath().normalize();
        Path mvn = Path.of(System.getProperty("iggy.maven.home", ""), "bin", "mvn");
        assumeTrue(Files.isExecutable(mvn), "no Maven at " + mvn + ": cannot build examples/line-transport");
        String version = System.getProperty("iggy.project.version");
        Path local = Path.of(System.getProperty("iggy.maven.local"));
        publish(local, root.resolve("pom.xml"), null, "iggyj-parent", version);
        for (String module : List.of("protocol", "spi")) {
            Path jar = root.resolve(module).resolve("target").resolve("iggyj-" + module + "-" + version + ".jar");
            assumeTrue(Files.exists(jar), module + " has not been packaged");
            publish(local, root.resolve(module).resolve("pom.xml"), jar, "iggyj-" + module, version);
        }
        Path example = tempDir.resolve("line-transport");
        copyTree(root.resolve("examples/line-transport"), example);
        Path log = tempDir.resolve("example-build.log");
        Process build = new ProcessBuilder(mvn.toString(), "-o", "-q", "-B", "-f", example.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + local, "-Diggyj.version=" + version, "package")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(build.waitFor(240, TimeUnit.SECONDS), "example build did not finish");
        assertEquals(0, build.exitValue(), () -> "example build failed:\n" + read(log));
        return example.resolve("target/iggyj-line-transport-0.1.0.jar");
    }

    private static void publish(Path local, Path pom, Path jar, String artifactId, String version) throws IOException {
        Path dir = Files.createDirectories(local.resolve("org/iggyj").resolve(artifactId).resolve(version));
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = from.relativize(file).toString();
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }
}
