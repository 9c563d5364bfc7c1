package org.iggyj.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a progress line about once a second while the run measures: elapsed time, messages and payload
 * so far, and the rate over the last interval. Runs on its own daemon thread; {@link #close} stops it.
 */
final class ProgressPrinter implements AutoCloseable {

    private static final long INTERVAL_MS = 1_000;

    private final RunContext context;
    private final PrintWriter out;
    private final long expectedMessages;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressPrinter(RunContext context, PrintWriter out, long expectedMessages) {
        this.context = context;
        this.out = out;
        this.expectedMessages = expectedMessages;
        this.thread = new Thread(this::loop, "iggy-bench-progress");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long lastBytes = 0;
        long lastNs = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (now < context.epochNs()) {
                out.println("Warming up...");
                out.flush();
                continue;
            }
            long bytes = context.bytesDone();
            long messages = context.messagesDone();
            out.println(String.format(Locale.ROOT, "[%6.1f s] %,d / %,d messages, %.2f MB, %.2f MB/s",
                    (now - context.epochNs()) / 1e9, messages, expectedMessages, bytes / 1e6,
                    Throughput.megabytesPerSecond(bytes - lastBytes, now - lastNs)));
            out.flush();
            lastBytes = bytes;
            lastNs = now;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
