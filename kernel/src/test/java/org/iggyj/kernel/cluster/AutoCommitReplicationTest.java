package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.spi.Reply;
import org.junit.jupiter.api.Test;

class AutoCommitReplicationTest {

    private static final OffsetChanges.Target GROUP_P0 = new OffsetChanges.Target(1, 2, 0, ConsumerOffsetKind.GROUP, 3);
    private static final OffsetChanges.Target GROUP_P1 = new OffsetChanges.Target(1, 2, 1, ConsumerOffsetKind.GROUP, 3);


    private final ClusterWrites writes = new ClusterWrites(UnpooledByteBufAllocator.DEFAULT, MicrosClock.SYSTEM, null);
    private final RecordingReplicator<OffsetEntry> log = new RecordingReplicator<>(OffsetEntry::decode);
    private final List<Long> delays = new ArrayList<>();
    private static final long INTERVAL_NANOS = AutoCommitReplication.INTERVAL_MS * 1_000_000L;
    private long nowNanos = 1_000_000_000L;
    /** Sends run at once; the delay each one asked for is recorded. */
    private final AutoCommitReplication autoCommits = new AutoCommitReplication(writes, (task, delay) -> {
        delays.add(delay);
        task.run();
    }, () -> nowNanos, null);

    private void apply(int i) {
        ReplicatedEntry entry = log.submitted.get(i);
        writes.onApplied(entry.origin(), entry.sequence(), Reply.ok());
    }

    @Test
    void shouldKeepOneEntryInFlightPerOffsetAndSendTheNewestNext() {
        writes.attach(log);
        autoCommits.committed(GROUP_P0, 9);
        autoCommits.committed(GROUP_P0, 19);
        autoCommits.committed(GROUP_P0, 29);
        autoCommits.committed(GROUP_P1, 4);
        assertEquals(List.of(new OffsetEntry(GROUP_P0, OffsetChanges.Op.AUTO_COMMIT, 9),
                new OffsetEntry(GROUP_P1, OffsetChanges.Op.AUTO_COMMIT, 4)), log.changes,
                "one entry per offset while the first is in flight");
        assertFalse(autoCommits.isLatest(GROUP_P0, 9), "this node has moved on: its own 9 is skipped here");
        assertTrue(autoCommits.isLatest(GROUP_P1, 4));

        nowNanos += 30_000_000L;
        apply(0);
        assertEquals(new OffsetEntry(GROUP_P0, OffsetChanges.Op.AUTO_COMMIT, 29), log.changes.get(2),
                "the newest value goes next; 19 is coalesced away");
        assertEquals(List.of(0L, 0L, INTERVAL_NANOS - 30_000_000L), delays, "the next entry of an offset waits for the interval");
        assertTrue(autoCommits.isLatest(GROUP_P0, 29));
        apply(2);
        assertEquals(3, log.changes.size(), "nothing newer to send");
        nowNanos += INTERVAL_NANOS + 1;
        autoCommits.committed(GROUP_P0, 39);
        assertEquals(0L, delays.get(delays.size() - 1));
        assertEquals(new OffsetEntry(GROUP_P0, OffsetChanges.Op.AUTO_COMMIT, 39), log.changes.get(3),
                "an offset idle for longer than the interval is sent at once");
    }

    @Test
    void shouldSendAgainOnTheNextAutoCommitAfterAFailedSubmission() {
        // Not running yet: the submission fails, nothing stays in flight.
        autoCommits.committed(GROUP_P0, 5);
        writes.attach(log);
        autoCommits.committed(GROUP_P0, 6);
        assertEquals(List.of(new OffsetEntry(GROUP_P0, OffsetChanges.Op.AUTO_COMMIT, 6)), log.changes);
    }

    @Test
    void shouldLogAClientsStoreAfterTheAutoCommitInFlightAndDropTheOneNotYetSent() {
        writes.attach(log);
        List<Runnable> due = new ArrayList<>();
        AutoCommitReplication deferred = new AutoCommitReplication(writes, (task, delay) -> due.add(task),
                () -> nowNanos, null);
        deferred.committed(GROUP_P0, 1009);
        due.remove(0).run();
        assertEquals(1, log.changes.size(), "the auto-commit is in flight");

        CompletableFuture<Reply> stored = deferred.explicit(GROUP_P0,
                () -> writes.submitOffset(GROUP_P0, OffsetChanges.Op.STORE, 5));
        assertEquals(1, log.changes.size(), "the store waits for the auto-commit before it");
        assertFalse(deferred.isLatest(GROUP_P0, 1009), "this node skips its own older auto-commit");
        apply(0);
        assertEquals(1, log.changes.size(), "the store is submitted from the scheduler, not the applying shard");
        due.remove(0).run();
        assertEquals(new OffsetEntry(GROUP_P0, OffsetChanges.Op.STORE, 5), log.changes.get(1),
                "logged after the auto-commit, so every node ends at the stored offset");
        apply(1);
        assertTrue(stored.isDone());

        // An auto-commit waiting for its interval when a store arrives is not sent after it.
        nowNanos += 10_000_000L;
        deferred.committed(GROUP_P0, 20);
        deferred.explicit(GROUP_P0, () -> writes.submitOffset(GROUP_P0, OffsetChanges.Op.DELETE, 0));
        assertEquals(new OffsetEntry(GROUP_P0, OffsetChanges.Op.DELETE, 0), log.changes.get(2));
        due.remove(0).run();
        assertEquals(3, log.changes.size(), "the superseded auto-commit is dropped");

        // The next poll's auto-commit goes out again.
        apply(2);
        deferred.committed(GROUP_P0, 30);
        due.remove(0).run();
        assertEquals(new OffsetEntry(GROUP_P0, OffsetChanges.Op.AUTO_COMMIT, 30), log.changes.get(3));
    }
}
