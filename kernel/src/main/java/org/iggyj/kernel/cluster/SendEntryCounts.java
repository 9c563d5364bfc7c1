package org.iggyj.kernel.cluster;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many send entries this node submitted to the engine and how many sends they carried, since it
 * started: their ratio is what coalescing achieved (docs/cluster.md, "Coalesced sends"), which decides
 * the CPU a GiB costs, since a Raft entry costs about as much as a MiB of its bytes. Counted once per
 * entry, not per message; any thread.
 */
final class SendEntryCounts {

    private final LongAdder entries = new LongAdder();
    private final LongAdder sends = new LongAdder();

    /** @param carried the sends one entry submitted to the engine carries */
    void submitted(int carried) {
        entries.increment();
        sends.add(carried);
    }

    long entries() {
        return entries.sum();
    }

    long sends() {
        return sends.sum();
    }
}
