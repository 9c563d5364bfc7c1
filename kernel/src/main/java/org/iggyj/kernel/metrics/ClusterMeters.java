package org.iggyj.kernel.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.Supplier;
import org.iggyj.spi.cluster.EntryDataReads;
import org.iggyj.spi.cluster.ReplicationStatus;

/**
 * Registers the replication gauges (role, term, commit index, last applied index, lag per follower)
 * from the replication plugin's {@link ReplicationStatus}, read when scraped. Registered only when
 * clustering is on; called once, from the startup thread.
 */
public final class ClusterMeters {

    private static final String READS = "entry data the leader sent to followers, by where it found it";

    private ClusterMeters() {
    }

    /**
     * @param registry  where to register
     * @param status    the replicator's status view
     * @param followers the names of the other nodes (one lag gauge each)
     */
    public static void bind(MeterRegistry registry, Supplier<ReplicationStatus> status, List<String> followers) {
        // Micrometer holds a gauge's state weakly; the supplier is a method reference nobody else keeps.
        Gauge.builder(MeterNames.CLUSTER_ROLE, status, s -> s.get().role()).strongReference(true)
                .description("0 leader, 1 follower, 2 candidate, 3 other").register(registry);
        Gauge.builder(MeterNames.CLUSTER_LEADER, status, s -> s.get().role() == ReplicationStatus.LEADER ? 1 : 0)
                .strongReference(true).description("1 on the cluster leader").register(registry);
        Gauge.builder(MeterNames.CLUSTER_TERM, status, s -> s.get().term()).strongReference(true)
                .description("current Raft term").register(registry);
        Gauge.builder(MeterNames.CLUSTER_COMMIT_INDEX, status, s -> s.get().commitIndex()).strongReference(true)
                .description("highest log index known committed").register(registry);
        Gauge.builder(MeterNames.CLUSTER_APPLIED_INDEX, status, s -> s.get().lastAppliedIndex())
                .strongReference(true).description("highest log index applied on this node").register(registry);
        for (String follower : followers) {
            Gauge.builder(MeterNames.CLUSTER_FOLLOWER_LAG, status, s -> lag(s.get(), follower)).strongReference(true)
                    .tag(MeterNames.TAG_FOLLOWER, follower)
                    .description("log entries the follower lacks (known on the leader; NaN elsewhere)")
                    .register(registry);
        }
    }

    /**
     * Registers the counters of send entries and of the sends they carried (their ratio: sends per entry).
     *
     * @param registry where to register
     * @param counts   what counts them; Micrometer holds it weakly, so its owner must keep it
     * @param entries  send entries submitted so far
     * @param sends    sends those entries carried
     * @param <T>      its type
     */
    public static <T> void bindSendEntries(MeterRegistry registry, T counts, ToDoubleFunction<T> entries,
                                           ToDoubleFunction<T> sends) {
        FunctionCounter.builder(MeterNames.CLUSTER_SEND_ENTRIES, counts, entries)
                .description("send entries this node submitted to the replication engine").register(registry);
        FunctionCounter.builder(MeterNames.CLUSTER_ENTRY_SENDS, counts, sends)
                .description("sends carried by those entries").register(registry);
    }

    /**
     * Registers the counters of where the leader found the entry data it sent to followers.
     *
     * @param registry where to register
     * @param owner    what reads the status; Micrometer holds it weakly, so its owner must keep it
     * @param reads    reads the counts from it
     * @param <T>      its type
     */
    public static <T> void bindEntryDataReads(MeterRegistry registry, T owner, Function<T, EntryDataReads> reads) {
        FunctionCounter.builder(MeterNames.CLUSTER_ENTRY_DATA_READS, owner, o -> reads.apply(o).pending())
                .tag(MeterNames.TAG_SOURCE, "pending").description(READS).register(registry);
        FunctionCounter.builder(MeterNames.CLUSTER_ENTRY_DATA_READS, owner, o -> reads.apply(o).inFlight())
                .tag(MeterNames.TAG_SOURCE, "in_flight").description(READS).register(registry);
        FunctionCounter.builder(MeterNames.CLUSTER_ENTRY_DATA_READS, owner, o -> reads.apply(o).partition())
                .tag(MeterNames.TAG_SOURCE, "partition").description(READS).register(registry);
    }

    private static double lag(ReplicationStatus status, String follower) {
        Long lag = status.followerLag().get(follower);
        return lag == null ? Double.NaN : lag;
    }
}
