package org.iggyj.bench;

import java.util.concurrent.Callable;
import org.iggyj.client.IggyClientException;
import org.iggyj.client.FailoverConnection;

/**
 * The life of one actor on its own thread and connection: connect and log in, warm up by count if asked,
 * report ready, wait for the gate, {@link #work}, hand back the result. A server error, or no node left to fail over to, ends the
 * actor with the error in its result rather than failing the whole run; a broken connection moves it to
 * another node of {@code --server-address} and it goes on.
 */
abstract class Actor implements Callable<ActorResult> {

    private final RunContext context;
    private final Role role;
    private final int id;

    Actor(RunContext context, Role role, int id) {
        this.context = context;
        this.role = role;
        this.id = id;
    }

    RunContext context() {
        return context;
    }

    int id() {
        return id;
    }

    @Override
    public final ActorResult call() throws InterruptedException {
        FailoverConnection connection;
        try {
            connection = context.connect(role.label() + " " + id);
        } catch (IggyClientException e) {
            context.arrive();
            context.awaitGate();
            return new ActorRecorder(role, id, context.epochNs(), context.settings().samplingNs())
                    .result(describe(e));
        }
        try (connection) {
            // The warm-up by count runs before the gate, so the run's clock starts once every actor is warm.
            String error = null;
            try {
                long warmupBatches = context.settings().warmupBatches();
                error = warmupBatches == 0 ? null : warmUpBatches(connection, warmupBatches);
            } catch (IggyClientException e) {
                error = describe(e);
            } finally {
                context.arrive();
            }
            context.awaitGate();
            ActorRecorder recorder = new ActorRecorder(role, id, context.epochNs(), context.settings().samplingNs());
            if (error != null) {
                return recorder.result("warm-up: " + error);
            }
            try {
                error = work(connection, recorder);
            } catch (IggyClientException e) {
                error = describe(e);
            }
            return recorder.result(error);
        }
    }

    /**
     * Moves {@code batches} batches the way {@link #work} does, on the same connection, recording nothing
     * (the warm-up by count, {@code --warmup-messages}); later calls of {@link #work} go on from there.
     *
     * @return why it stopped short, or null
     */
    abstract String warmUpBatches(FailoverConnection connection, long batches);

    /**
     * Does the measured work (and any warm-up before {@link RunContext#epochNs()}).
     *
     * @return why it stopped short, or null
     */
    abstract String work(FailoverConnection connection, ActorRecorder recorder);

    /** Waits out the warm-up, spending it on {@code warmup} calls, then marks the start of measuring. */
    final void warmUp(ActorRecorder recorder, Runnable warmup) {
        long epoch = context.epochNs();
        while (System.nanoTime() < epoch) {
            warmup.run();
        }
        recorder.start(System.nanoTime());
    }

    private String describe(IggyClientException e) {
        return role.label() + " " + id + ": " + e.getMessage();
    }
}
