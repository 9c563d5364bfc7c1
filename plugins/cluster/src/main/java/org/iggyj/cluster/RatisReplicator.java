package org.iggyj.cluster;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.iggyj.spi.cluster.ClusterMember;
import org.iggyj.spi.cluster.Replicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Raft member: the Ratis server holding the log and applying it through
 * {@link KernelStateMachine}, and a Ratis client through which this node submits writes (the client
 * finds the leader, whichever node it is, and retries across leader changes).
 *
 * <p>Thread-safe; {@link #submit} never blocks.
 */
final class RatisReplicator implements Replicator {

    private static final Logger LOG = LoggerFactory.getLogger(RatisReplicator.class);

    private final RaftServer server;
    private final Supplier<RaftClient> clients;
    private volatile RaftClient client;
    private final RaftTopology topology;
    private final MemberView view;
    private final ScheduledExecutorService refresher;
    private final AtomicBoolean closed = new AtomicBoolean();

    RatisReplicator(RaftServer server, Supplier<RaftClient> clients, RaftTopology topology) {
        this.server = server;
        this.clients = clients;
        this.client = clients.get();
        this.topology = topology;
        this.view = new MemberView(server, this::client, topology);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iggy-cluster-members");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(view::refresh, 0, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> submit(ByteBuf entry) {
        if (closed.get()) {
            entry.release();
            return CompletableFuture.failedFuture(new IOException("this cluster member is stopping"));
        }
        RaftClient used = client;
        CompletableFuture<RaftClientReply> sent;
        try {
            // A view of the entry's bytes, not a copy: the entry is released once Ratis has answered.
            sent = used.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry.nioBuffer())));
        } catch (RuntimeException e) {
            entry.release();
            replace(used);
            return CompletableFuture.failedFuture(e);
        }
        return sent.orTimeout(topology.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((reply, failure) -> {
                    entry.release();
                    if (failure != null && !(unwrap(failure) instanceof TimeoutException)) {
                        replace(used);
                    }
                })
                .thenApply(reply -> {
                    if (!reply.isSuccess()) {
                        throw new IllegalStateException("not committed: " + reply.getException());
                    }
                    return null;
                });
    }

    RaftClient client() {
        return client;
    }

    /**
     * After a request failed for good, Ratis's ordered client refuses every later request (its
     * sliding window is closed): swap in a fresh client, once per failed one.
     */
    private void replace(RaftClient failed) {
        synchronized (this) {
            if (client != failed || closed.get()) {
                return;
            }
            client = clients.get();
        }
        LOG.warn("Replaced the Raft client after a request failed");
        try {
            failed.close();
        } catch (IOException e) {
            LOG.debug("Closing the failed Raft client", e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public List<ClusterMember> members() {
        return view.members();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        refresher.shutdownNow();
        RaftClient last;
        synchronized (this) {
            last = client;
        }
        try {
            last.close();
        } catch (IOException e) {
            LOG.warn("Raft client did not close cleanly", e);
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Raft server did not close cleanly", e);
        }
    }
}
