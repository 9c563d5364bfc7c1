package org.iggyj.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.iggyj.client.ClientIo;
import org.iggyj.client.IggyConnection;

/**
 * What all actors of one run share: settings, event loops, the clock, the start gate and the progress
 * counters. Actors connect and log in, then wait at the gate; the runner opens it once every actor is
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

    /** @return a new connection, logged in with the run's credentials */
    IggyConnection connect() {
        IggyConnection c = IggyConnection.connect(io, settings.host(), settings.port(), Duration.ofSeconds(30),
                settings.transport(), settings.tls());
        try {
            c.login(settings.username(), settings.password());
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
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
