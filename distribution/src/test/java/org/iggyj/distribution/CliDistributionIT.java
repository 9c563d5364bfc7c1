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
 * the completion script is shipped.
 */
@Timeout(180)
class CliDistributionIT {

    @TempDir
    Path tempDir;

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
            assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(60)), "server did not start");

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
        Process process = pb.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/iggy did not finish");
        return new Result(process.exitValue(), output);
    }
}
