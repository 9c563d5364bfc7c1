package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/iggy} of the unpacked distribution against {@code bin/iggy-server}: create a stream and a
 * topic, send from stdin, poll back as JSON; bad credentials exit non-zero with a clear message;
 * the completion script is shipped; the class data sharing archive is built after a first run, used by
 * the next, and a damaged one is ignored.
 */
@Timeout(180)
class CliDistributionIT {

    @TempDir
    Path tempDir;

    /** Whether bin/iggy may use (and build) its class data sharing archive in this test. */
    private boolean cds;

    /** Exit code and merged output of one {@code bin/iggy} run. */
    private record Result(int code, String output) {
    }

    @Test
    void shouldManageTheServerWithBinIggy() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Path iggy = server.home().resolve("bin/iggy");
            iggy.toFile().setExecutable(true);
            assertTrue(Files.isRegularFile(server.home().resolve("completion/iggy_completion")));
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP), "server did not start");

            String address = "127.0.0.1:" + server.tcpPort();
            assertEquals(0, run(iggy, address, "", "ping").code());
            Result created = run(iggy, address, "", "stream", "create", "cli-stream");
            assertEquals(0, created.code(), created.output());
            assertEquals(0, run(iggy, address, "", "topic", "create", "cli-stream", "t", "--partitions", "1").code());
            Result sent = run(iggy, address, "hello\nworld\n", "message", "send", "cli-stream", "t");
            assertTrue(sent.output().contains("sent 2 message(s)"), sent.output());
            Result polled = run(iggy, address, "", "-o", "json", "message", "poll", "cli-stream", "t",
                    "--partition-id", "0");
            assertEquals(0, polled.code(), polled.output());
            assertTrue(polled.output().contains("\"payload\" : \"world\""), polled.output());

            Result bad = runAs(iggy, address, "wrong", "stream", "list");
            assertEquals(1, bad.code(), bad.output());
            assertTrue(bad.output().contains("invalid_credentials"), bad.output());
        }
    }

    @Test
    @Timeout(420) // the background dump takes tens of seconds on a busy machine
    void shouldBuildUseAndSurviveTheClassDataSharingArchive() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Path iggy = server.home().resolve("bin/iggy");
            Path cdsDir = server.home().resolve("cli");
            for (Path stale = archive(cdsDir); stale != null; stale = archive(cdsDir)) {
                Files.delete(stale); // copied from a build tree where bin/iggy has been run
            }
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP), "server did not start");
            String address = "127.0.0.1:" + server.tcpPort();
            cds = true;

            assertTrue(run(iggy, address, "", "ping").output().contains("pong"));
            // The archive is dumped by a background JVM after the first run; wait for it to finish.
            assertTrue(server.await(() -> archive(cdsDir) != null && !lockHeld(cdsDir), Duration.ofSeconds(300)),
                    "no archive in " + cdsDir);
            Result withArchive = run(iggy, address, "", "ping");
            assertEquals(0, withArchive.code(), withArchive.output());
            assertTrue(withArchive.output().startsWith("pong"), withArchive.output());

            Path archive = archive(cdsDir);
            archive.toFile().setWritable(true);
            Files.write(archive, new byte[] {1, 2, 3, 4});
            Result damaged = run(iggy, address, "", "ping");
            assertEquals(0, damaged.code(), damaged.output());
            assertTrue(damaged.output().startsWith("pong"), "no noise from a refused archive: " + damaged.output());
        }
    }

    private static Path archive(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean lockHeld(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
        } catch (IOException e) {
            return true;
        }
    }

    private Result run(Path iggy, String address, String stdin, String... args) throws Exception {
        return exec(iggy, address, "iggy", stdin, args);
    }

    private Result runAs(Path iggy, String address, String password, String... args) throws Exception {
        return exec(iggy, address, password, "", args);
    }

    private Result exec(Path iggy, String address, String password, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(iggy.toString(), "--address", address));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("IGGY_USERNAME", "iggy");
        pb.environment().put("IGGY_PASSWORD", password);
        pb.environment().put("IGGY_SESSION_FILE", tempDir.resolve("session").toString());
        if (!cds) {
            // The archive's background dump would outlive a test that does not wait for it.
            pb.environment().put("IGGY_CLI_CDS", "off");
        }
        Process process = pb.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/iggy did not finish");
        return new Result(process.exitValue(), output);
    }
}
