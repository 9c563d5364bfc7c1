package org.iggyj.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.iggyj.client.ClientIo;
import org.iggyj.client.FailoverConnection;

/**
 * What all actors of one run share: settings, event loops, the clock, the start gate and the progress
 * counters, and the record of node failovers. Actors connect and log in, then wait at the gate; the runner opens it once every actor is
 * ready (or failed) and fixes the measurement epoch = gate time + warm-up. Thread-safe.
 */
final class RunContext {

    private final BenchSettings settings;
    private final ClientIo io;
    private final MicroClock clock = new MicroClock();
    private final CountDownLatch ready;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final LongAdder messagesDone = new LongAdder();
    private final LongAdder bytesDone = new LongAdder();
    private final LongAdder inDoubt = new LongAdder();
    private final ConcurrentLinkedQueue<String> failovers = new ConcurrentLinkedQueue<>();
    private final long createdNs = System.nanoTime();
    private volatile long epochNs;

    RunContext(BenchSettings settings, ClientIo io, int actors) {
        this.settings = settings;
        this.io = io;
        this.ready = new CountDownLatch(actors);
    }

    BenchSettings settings() {
        return settings;
    }

    MicroClock clock() {
        return clock;
    }

    /**
     * @param who the actor, for the failover record
     * @return a new connection to the first node that accepts, logged in with the run's credentials; it
     *         moves to another node when its node fails, and each move is recorded
     */
    FailoverConnection connect(String who) {
        FailoverConnection.Options options = new FailoverConnection.Options(Duration.ofSeconds(30),
                settings.transport(), settings.tls(), settings.preferLeader(), Duration.ofSeconds(60));
        FailoverConnection c = FailoverConnection.connect(io, settings.nodes(), options,
                FailoverConnection.Login.user(settings.username(), settings.password()));
        c.onFailover((from, to, cause) -> failovers.add(String.format(Locale.ROOT, "%s moved from %s to %s at %.3f s"
                + " (%s)", who, from, to, (System.nanoTime() - createdNs) / 1e9, cause.getMessage())));
        return c;
    }

    /** Counts a request whose outcome a broken connection left unknown (not resent). */
    void inDoubt() {
        inDoubt.increment();
    }

    /** @return requests left in doubt by failovers */
    long inDoubtCount() {
        return inDoubt.sum();
    }

    /** @return every failover of every actor so far, in the order they happened */
    List<String> failovers() {
        return List.copyOf(failovers);
    }

    /** Actor: reports ready (or failed: call it exactly once either way). */
    void arrive() {
        ready.countDown();
    }

    /** Actor: waits for the runner to open the gate. */
    void awaitGate() throws InterruptedException {
        gate.await();
    }

    /** Runner: waits for all actors, fixes the epoch and opens the gate. */
    void open() throws InterruptedException {
        ready.await();
        epochNs = System.nanoTime() + settings.warmupNs();
        gate.countDown();
    }

    /** @return {@link System#nanoTime()} at which measurement begins (after warm-up) */
    long epochNs() {
        return epochNs;
    }

    /** Counts a measured batch for the progress line. */
    void progress(int messages, long payloadBytes) {
        messagesDone.add(messages);
        bytesDone.add(payloadBytes);
    }

    long messagesDone() {
        return messagesDone.sum();
    }

    long bytesDone() {
        return bytesDone.sum();
    }
}
