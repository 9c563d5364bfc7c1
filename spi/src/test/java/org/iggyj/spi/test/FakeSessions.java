package org.iggyj.spi.test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;
import org.iggyj.spi.Sessions;

/**
 * A session registry that records opens and closes. Thread-safe: transports open and close
 * sessions on their event loops while the test thread inspects them.
 */
public final class FakeSessions implements Sessions {

    private final List<Session> opened = new ArrayList<>();
    private final List<Session> closed = new ArrayList<>();

    @Override
    public synchronized Session open(TransportKind kind, InetSocketAddress remote) {
        FakeSession session = new FakeSession(opened.size() + 1L, remote, kind);
        opened.add(session);
        notifyAll();
        return session;
    }

    @Override
    public synchronized void close(Session session) {
        if (!closed.contains(session)) {
            closed.add(session);
            notifyAll();
        }
    }

    /**
     * @return a snapshot of every session opened so far, in order
     */
    public synchronized List<Session> opened() {
        return List.copyOf(opened);
    }

    /**
     * @return a snapshot of every session closed so far, in order, each once
     */
    public synchronized List<Session> closed() {
        return List.copyOf(closed);
    }

    /**
     * Waits until at least {@code count} sessions have been closed; transports close sessions on
     * their event loop, after the socket is gone.
     *
     * @param count   the number of closed sessions to wait for
     * @param timeout how long to wait at most
     * @return whether the count was reached in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized boolean awaitClosed(int count, Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (closed.size() < count) {
            long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return false;
            }
            wait(leftMs);
        }
        return true;
    }
}
