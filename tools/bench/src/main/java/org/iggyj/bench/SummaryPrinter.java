package org.iggyj.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a run's results as text: one line per actor, then one per group. Stateless. */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static void print(BenchReport r, PrintWriter out) {
        out.println();
        out.println("Benchmark: " + r.benchmark() + " " + r.params());
        for (ActorReport a : r.actors()) {
            out.println(String.format(Locale.ROOT,
                    "%s %d: %,d messages, %,d batches, %.2f MB in %.3f s: %.2f MB/s, %,.0f msg/s; %s%s",
                    a.role(), a.id(), a.messages(), a.batches(), a.payloadBytes() / 1e6, a.wallTimeSeconds(),
                    a.throughputMegabytesPerSecond(), a.messagesPerSecond(), latency(a.latencyMs()),
                    a.error() == null ? "" : " [stopped: " + a.error() + "]"));
        }
        for (GroupReport g : r.groups()) {
            out.println(String.format(Locale.ROOT,
                    "%s Results: %d actors, %,d messages, %.2f MB in %.3f s: total %.2f MB/s, %,.0f msg/s; %s",
                    g.title(), g.actors(), g.messages(), g.payloadBytes() / 1e6, g.wallTimeSeconds(),
                    g.throughputMegabytesPerSecond(), g.messagesPerSecond(), latency(g.latencyMs())));
        }
        if (r.serverStats() != null) {
            out.println("Server: version " + r.serverStats().serverVersion() + ", "
                    + r.serverStats().messagesCount() + " messages stored, " + r.serverStats().streamsCount()
                    + " streams");
        }
        for (String f : r.failovers()) {
            out.println("Failover: " + f);
        }
        if (!r.failovers().isEmpty() || r.inDoubt() > 0) {
            out.println(String.format(Locale.ROOT, "Failovers: %d; requests in doubt (not resent): %d",
                    r.failovers().size(), r.inDoubt()));
        }
        for (String e : r.errors()) {
            out.println("Error: " + e);
        }
        out.flush();
    }

    private static String latency(LatencyStats l) {
        return String.format(Locale.ROOT,
                "batch latency ms p50 %.3f, p90 %.3f, p95 %.3f, p99 %.3f, p99.9 %.3f, p99.99 %.3f, max %.3f",
                l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.p9999(), l.max());
    }
}
