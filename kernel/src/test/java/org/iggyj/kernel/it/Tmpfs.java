package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs the test mounts and unmounts itself, so that "the disk is full" is a real ENOSPC from
 * a real file system. Mounting needs root (CI runs as root); elsewhere the test is skipped with a
 * message saying so.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code sizeMiB} MiB on a new temporary directory, or skips the test.
     */
    static Tmpfs mount(int sizeMiB) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
            "skipped: mounting a tmpfs for the disk-full tests needs root (CI runs as root)");
        Path dir = Files.createTempDirectory("iggyj-tmpfs");
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + sizeMiB + "m", "tmpfs", dir.toString());
        if (output != null) {
            Files.deleteIfExists(dir);
            assumeTrue(false, "skipped: cannot mount a tmpfs here: " + output);
        }
        return new Tmpfs(dir);
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out: " + String.join(" ", command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.exitValue() == 0 ? null : output.isBlank() ? "exit " + process.exitValue() : output.trim();
    }

    Path dir() {
        return dir;
    }

    /** Writes zeros to {@code name} until the file system refuses: afterwards nothing is free. */
    void fill(String name) {
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(dir.resolve(name))) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // ENOSPC: the file system is full now.
        }
        byte[] page = new byte[1];
        for (int i = 0; ; i++) {
            try {
                Files.write(dir.resolve(name + "." + i), page);
            } catch (IOException full) {
                return;
            }
        }
    }

    /** Deletes what {@link #fill} wrote. */
    void unfill(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
        for (int i = 0; Files.deleteIfExists(dir.resolve(name + "." + i)); i++) {
            // every one-byte file takes a page
        }
    }

    @Override
    public void close() throws IOException {
        try {
            String output = run("umount", dir.toString());
            if (output != null) {
                run("umount", "-l", dir.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(dir);
    }
}
