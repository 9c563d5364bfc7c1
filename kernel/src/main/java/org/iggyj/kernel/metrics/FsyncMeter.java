package org.iggyj.kernel.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The partition fsync latency timer ({@link MeterNames#FSYNC}).
 *
 * <p>Design note: held process-wide rather than threaded through every partition's constructor;
 * partitions only call {@link #record}. With several servers in one JVM (tests) the last one bound
 * owns it, which only affects what those tests' exporters see. Thread-safe.
 */
public final class FsyncMeter {

    private static volatile Timer timer;

    private FsyncMeter() {
    }

    /**
     * @param registry where the timer lives (the kernel's composite registry)
     */
    public static void bind(MeterRegistry registry) {
        timer = Timer.builder(MeterNames.FSYNC).description("partition fsyncs (log and index)").register(registry);
    }

    /**
     * @param startNanos {@link System#nanoTime()} taken before the fsync
     */
    public static void record(long startNanos) {
        Timer t = timer;
        if (t != null) {
            t.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }
}
