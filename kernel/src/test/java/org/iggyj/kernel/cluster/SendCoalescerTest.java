package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.iggyj.spi.cluster.ClusterMember;
import org.iggyj.spi.cluster.Replicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SendCoalescerTest {

    private final HeldReplicator engine = new HeldReplicator();
    private final Map<Long, Throwable> refused = new ConcurrentHashMap<>();
    private final SendEntryCounts counts = new SendEntryCounts();
    private SendCoalescer coalescer;

    @AfterEach
    void close() {
        if (coalescer != null) {
            coalescer.close();
        }
    }

    @Test
    void shouldSubmitAtOnceWhileFewAreOutstandingThenCoalesceWhatArrivesMeanwhileInArrivalOrder() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 1 << 20);
        coalescer.submit(send(1, 0, 100), 1);
        coalescer.submit(send(2, 1, 100), 2);
        assertEquals(SendCoalescer.MAX_OUTSTANDING, engine.entries.size(), "no wait below the pipeline's depth");
        assertFalse(MultiSendEntry.is(engine.entries.get(1)));

        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long first = 10 + t * 10L;
            Thread sender = new Thread(() -> {
                for (long s = first; s < first + 5; s++) {
                    coalescer.submit(send(s, (int) (s % 3), 100), s);
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        assertEquals(2, engine.entries.size(), "the others wait for an outstanding entry");

        engine.complete(0);
        ByteBuffer coalesced = engine.awaitEntry(2);
        assertTrue(MultiSendEntry.is(coalesced));
        assertEquals(20, MultiSendEntry.count(coalesced));
        long[] lastOfSender = {9, 19, 29, 39};
        for (int i = 0; i < 20; i++) {
            SendEntry send = SendEntry.decode(MultiSendEntry.send(coalesced, i));
            int sender = (int) (send.sequence() / 10) - 1;
            assertTrue(send.sequence() > lastOfSender[sender], "each sender's sends in the order it sent them");
            lastOfSender[sender] = send.sequence();
            assertEquals(send.sequence() % 3, send.partitionId());
            assertEquals(100, send.dataLength());
            ByteBuffer data = coalesced.duplicate().position(MultiSendEntry.headerLength(20) + i * 100);
            assertEquals((byte) send.sequence(), data.get(), "data in the order of the headers");
        }
        engine.complete(1);
        engine.complete(2);
        coalescer.submit(send(99, 0, 100), 99);
        ByteBuffer last = engine.awaitEntry(3);
        assertFalse(MultiSendEntry.is(last), "alone: nothing else waited");
        assertEquals(99, SendEntry.decode(last).sequence());
        assertEquals(4, counts.entries(), "two alone, the coalesced one, the last alone");
        assertEquals(23, counts.sends());
    }

    @Test
    void shouldKeepOneEntryOutstandingWhileThreeOrMoreSendsAreInFlightAndTwoBelow() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 1 << 20, "adaptive");
        coalescer.submit(send(1, 0, 10), 1);
        coalescer.submit(send(2, 0, 10), 2);
        for (long s = 3; s <= 5; s++) {
            coalescer.submit(send(s, 0, 10), s);
        }
        engine.complete(0);
        assertEquals(3, MultiSendEntry.count(engine.awaitEntry(2)), "3 to 5 waited and went together");
        engine.complete(2);
        coalescer.awaitCompletions();
        // three sends completed with none waiting: one outstanding entry (send 2's) is enough now
        coalescer.submit(send(6, 0, 10), 6);
        coalescer.submit(send(7, 0, 10), 7);
        assertEquals(3, engine.entries.size(), "6 and 7 wait behind the one outstanding entry");
        engine.complete(1);
        ByteBuffer together = engine.awaitEntry(3);
        assertEquals(2, MultiSendEntry.count(together), "one entry for the two that waited");

        engine.complete(3);
        coalescer.awaitCompletions();
        // two sends in flight: two outstanding entries again, nothing waits
        coalescer.submit(send(8, 0, 10), 8);
        coalescer.submit(send(9, 0, 10), 9);
        assertEquals(6, engine.entries.size(), "8 and 9 went at once");
        assertFalse(MultiSendEntry.is(engine.entries.get(5)));
    }

    @Test
    void shouldGiveEachOfTwoOutstandingEntriesHalfTheSendsOfOneProducerWithFourInFlight() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 1 << 20, SendCoalescer.BALANCED);
        for (long s = 1; s <= 4; s++) {
            coalescer.submit(send(s, 0, 10), s);
        }
        assertEquals(2, engine.entries.size(), "1 and 2 at once, 3 and 4 wait behind them");
        engine.complete(0);
        assertEquals(2, MultiSendEntry.count(engine.awaitEntry(2)), "3 and 4 together");

        // The client sends 5 on the reply to 1; it waits for a second send while 3 and 4 are outstanding.
        coalescer.submit(send(5, 0, 10), 5);
        engine.complete(1);
        coalescer.awaitCompletions();
        assertEquals(3, engine.entries.size(), "5 alone would be a third of the sends in flight");
        coalescer.submit(send(6, 0, 10), 6);
        ByteBuffer pair = engine.awaitEntry(3);
        assertEquals(2, MultiSendEntry.count(pair), "5 and 6 together, two entries outstanding again");
        assertEquals(5, SendEntry.decode(MultiSendEntry.send(pair, 0)).sequence());
        assertEquals(6, SendEntry.decode(MultiSendEntry.send(pair, 1)).sequence());

        // A lone send never waits longer than the entry outstanding before it.
        engine.complete(2);
        coalescer.awaitCompletions();
        coalescer.submit(send(7, 0, 10), 7);
        assertEquals(4, engine.entries.size(), "7 waits for its partner while 5 and 6 are outstanding");
        engine.complete(3);
        ByteBuffer lone = engine.awaitEntry(4);
        assertFalse(MultiSendEntry.is(lone), "7 goes alone once nothing else is outstanding");
        assertEquals(7, SendEntry.decode(lone).sequence());
        assertTrue(refused.isEmpty());
        assertEquals(7, counts.sends());
        assertEquals(5, counts.entries());
    }

    @Test
    void shouldNotHoldASendOfTwoProducersWithOneInFlightEach() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 1 << 20, SendCoalescer.BALANCED);
        coalescer.submit(send(1, 0, 10), 1);
        coalescer.submit(send(2, 1, 10), 2);
        engine.complete(0);
        coalescer.awaitCompletions();
        coalescer.submit(send(3, 0, 10), 3);
        assertEquals(3, engine.entries.size(), "each send went at once, pipelined behind the other's");
        assertFalse(MultiSendEntry.is(engine.entries.get(2)));
    }

    @Test
    void shouldSendWhatWaitsOnceOneMoreSendWouldPassTheCapEvenBelowItsShare() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 250, SendCoalescer.BALANCED);
        for (long s = 1; s <= 8; s++) {
            coalescer.submit(send(s, 0, 100), s);
        }
        // 1 and 2 alone; 3 and 4 went full when 5 came, 5 and 6 when 7 came; 7 and 8 wait
        assertEquals(4, engine.entries.size());
        engine.complete(0);
        engine.complete(1);
        engine.complete(2);
        ByteBuffer full = engine.awaitEntry(4);
        assertEquals(2, MultiSendEntry.count(full), "7 and 8 go: a third would pass the cap");
    }

    @Test
    void shouldKeepTwoEntriesOutstandingWithTheFixedPolicy() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 1 << 20, "2");
        for (long s = 1; s <= 5; s++) {
            coalescer.submit(send(s, 0, 10), s);
        }
        engine.complete(0);
        engine.awaitEntry(2);
        engine.complete(2);
        coalescer.awaitCompletions();
        coalescer.submit(send(6, 0, 10), 6);
        assertEquals(4, engine.entries.size(), "below two outstanding a send goes at once");
    }

    @Test
    void shouldSubmitAFullBatchWithoutWaitingAndNeverPassTheCap() {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 250);
        for (long s = 1; s <= 4; s++) {
            coalescer.submit(send(s, 0, 100), s);
        }
        assertEquals(2, engine.entries.size());
        coalescer.submit(send(5, 0, 100), 5);
        assertEquals(3, engine.entries.size(), "3 and 4 went when 5 would have passed the cap");
        assertEquals(2, MultiSendEntry.count(engine.entries.get(2)));
        assertEquals(3, SendEntry.decode(MultiSendEntry.send(engine.entries.get(2), 0)).sequence());
    }

    @Test
    void shouldFailEverySendOfAnEntryThatWasNotCommittedAndGoOnWithTheNext() throws Exception {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 1 << 20);
        for (long s = 0; s <= 3; s++) {
            coalescer.submit(send(s, (int) s % 3, 10), s);
        }
        engine.complete(0);
        engine.awaitEntry(2);
        coalescer.submit(send(4, 0, 10), 4);
        engine.fail(2, new IOException("lost the leadership"));
        assertEquals(Set.of(2L, 3L), refused.keySet(), "each send of the failed entry, and only those");
        ByteBuffer next = engine.awaitEntry(3);
        assertEquals(4, SendEntry.decode(next).sequence(), "the one that waited behind it goes alone");
    }

    @Test
    void shouldSubmitEverySendAloneWhenCoalescingIsOff() {
        coalescer = new SendCoalescer(() -> engine, refused::put, counts, 0);
        for (long s = 1; s <= 3; s++) {
            coalescer.submit(send(s, 0, 10), s);
        }
        assertEquals(3, engine.entries.size());
        assertEquals(3, counts.entries());
        assertEquals(3, counts.sends());
    }

    /** A send of {@code length} bytes, each the sequence's low byte, as {@link ClusterWrites} encodes one. */
    private static ByteBuf send(long sequence, int partition, int length) {
        ByteBuf messages = Unpooled.buffer(length);
        for (int i = 0; i < length; i++) {
            messages.writeByte((byte) sequence);
        }
        try {
            return SendEntry.encode(7, sequence, 1, 1_000, 1, 1, partition, 5, 1, messages);
        } finally {
            messages.release();
        }
    }

    /** Records each entry and completes its submission when the test says. */
    private static final class HeldReplicator implements Replicator {

        final List<ByteBuffer> entries = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Void>> results = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> submit(ByteBuf entry) {
            byte[] bytes = new byte[entry.readableBytes()];
            entry.readBytes(bytes);
            entry.release();
            CompletableFuture<Void> result = new CompletableFuture<>();
            synchronized (this) {
                entries.add(ByteBuffer.wrap(bytes));
                results.add(result);
                notifyAll();
            }
            return result;
        }

        void complete(int entry) {
            results.get(entry).complete(null);
        }

        void fail(int entry, Throwable failure) {
            results.get(entry).completeExceptionally(failure);
        }

        synchronized ByteBuffer awaitEntry(int entry) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (entries.size() <= entry && System.nanoTime() < deadline) {
                wait(100);
            }
            return entries.get(entry);
        }

        @Override
        public List<ClusterMember> members() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
