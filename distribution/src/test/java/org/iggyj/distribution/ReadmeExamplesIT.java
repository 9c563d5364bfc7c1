package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's shell examples, as a reader would paste them, against the unpacked distribution
 * started with {@code bin/iggy-server}: every {@code ```sh} block marked {@code run} is run with bash
 * ({@code -e -o pipefail}) in README order from a directory laid out like the repository, and must exit
 * 0, print each expected text, and print no CLI error ({@code error:}) or REST error body
 * ({@code "reason"}). The server listens on free ports: the README's default addresses in the text are
 * rewritten to them, and {@code IGGY_ADDRESS} points {@code bin/iggy} there. Blocks marked {@code skip}
 * name the test that covers them instead; an unmarked block fails this test.
 */
@Timeout(300)
class ReadmeExamplesIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldReadRunAndSkipMarkersWithTheirExpectations() {
        List<ReadmeExample> examples = ReadmeExample.parse(String.join("\n",
                "text", "<!-- readme-test: run; expect: pong; expect: \"name\" : \"a\" -->", "```sh", "bin/iggy ping",
                "```", "<!-- readme-test: skip: runs forever -->", "```sh", "bin/iggy-server", "```",
                "```java", "unmarked java is fine", "```"));
        assertEquals(2, examples.size());
        assertTrue(examples.get(0).run());
        assertEquals(3, examples.get(0).line());
        assertEquals("bin/iggy ping\n", examples.get(0).script());
        assertEquals(List.of("pong", "\"name\" : \"a\""), examples.get(0).expected());
        assertFalse(examples.get(1).run());
    }

    @Test
    void shouldRejectAShellBlockWithoutAMarker() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadmeExample.parse("intro\n\n```sh\nls\n```\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void shouldMarkEveryShellBlockOfTheReadme() throws IOException {
        List<ReadmeExample> examples = ReadmeExample.parse(readme());
        assertTrue(examples.stream().filter(ReadmeExample::run).count() >= 3, examples.toString());
    }

    @Test
    void shouldRunEveryReadmeExampleMarkedRun() throws Exception {
        Assumptions.assumeTrue(onPath("curl") && onPath("jq"), "the README's HTTP examples need curl and jq");
        List<ReadmeExample> examples = ReadmeExample.parse(readme());
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.start();
            assertTrue(server.await(() -> server.tcpAccepts() && server.httpAccepts(), Duration.ofSeconds(90)),
                    "server did not start:\n" + server.log());
            Path repo = repositoryLayout(server.home());
            for (ReadmeExample example : examples) {
                if (example.run()) {
                    String output = run(example, server, repo);
                    String where = "README line " + example.line() + ":\n" + example.script() + "\noutput:\n" + output;
                    for (String expected : example.expected()) {
                        assertTrue(output.contains(expected), "missing '" + expected + "' in " + where);
                    }
                    assertFalse(output.contains("error:") || output.contains("\"reason\""), "an error in " + where);
                }
            }
        }
    }

    private String run(ReadmeExample example, DistributionProcess server, Path repo)
            throws IOException, InterruptedException {
        String script = example.script()
                .replace("127.0.0.1:3000", "127.0.0.1:" + server.httpPort())
                .replace("127.0.0.1:8090", "127.0.0.1:" + server.tcpPort());
        Path file = Files.writeString(tempDir.resolve("example-" + example.line() + ".sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", file.toString())
                .directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", Files.createDirectories(tempDir.resolve("home")).toString());
        pb.environment().put("IGGY_ADDRESS", "127.0.0.1:" + server.tcpPort());
        // No class data sharing archive: its background dump would outlive the test's temporary directory.
        pb.environment().put("IGGY_CLI_CDS", "off");
        pb.environment().remove("IGGY_SESSION_FILE");
        Process process = pb.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "README line " + example.line() + " did not finish");
        assertEquals(0, process.exitValue(), "README line " + example.line() + " failed:\n" + script
                + "\noutput:\n" + output + "\nserver log:\n" + server.log());
        return output;
    }

    /** A directory where {@code distribution/target/iggy-server-VERSION} is the started distribution. */
    private Path repositoryLayout(Path home) throws IOException {
        Path repo = tempDir.resolve("repo");
        Path target = Files.createDirectories(repo.resolve("distribution/target"));
        Files.createSymbolicLink(target.resolve("iggy-server-" + System.getProperty("iggy.project.version")), home);
        return repo;
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("iggy.repo.root"), "README.md"), StandardCharsets.UTF_8);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
