package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.response.ClusterNode;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.kernel.crypto.MessageCrypto;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.iggyj.kernel.auth.Authorizer;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.auth.PasswordHashing;
import org.iggyj.kernel.auth.RandomSource;
import org.iggyj.kernel.auth.TokenSecrets;
import org.iggyj.kernel.config.AuthConfig;
import org.iggyj.kernel.diagnostics.SnapshotArchive;
import java.util.concurrent.RejectedExecutionException;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;

/**
 * Assembles the dispatcher with every command group the kernel implements.
 */
public final class Commands {

    private Commands() {
    }

    /**
     * @param metadata the metadata writer and snapshot
     * @param sessions the session registry
     * @param alloc    allocator for replies
     * @param hashing  executor for password verification
     * @param dataDir  the data directory (for disk statistics)
     * @param clock    the server clock
     * @param maxTokensPerUser most personal access tokens one user may hold
     * @return a dispatcher ready for transports
     */
    public static KernelDispatcher dispatcher(MetadataWriter metadata, SessionRegistry sessions, ByteBufAllocator alloc,
                                              Executor hashing, Path dataDir, MicrosClock clock,
                                              int maxTokensPerUser) {
        return dispatcher(metadata, sessions, alloc, hashing, dataDir, clock, maxTokensPerUser, MessageCrypto.NONE);
    }

    /**
     * As {@link #dispatcher(MetadataWriter, SessionRegistry, ByteBufAllocator, Executor, Path, MicrosClock, int)},
     * with messages sealed at append and opened on poll.
     *
     * @param crypto message encryption, {@link MessageCrypto#NONE} when off
     * @return a dispatcher ready for transports
     */
    public static KernelDispatcher dispatcher(MetadataWriter metadata, SessionRegistry sessions, ByteBufAllocator alloc,
                                              Executor hashing, Path dataDir, MicrosClock clock,
                                              int maxTokensPerUser, MessageCrypto crypto) {
        return dispatcher(metadata, sessions, alloc, hashing, dataDir, clock, maxTokensPerUser, crypto,
                new LoginGuard(AuthConfig.DEFAULTS, new CompositeMeterRegistry(), System::nanoTime));
    }

    /**
     * As {@link #dispatcher(MetadataWriter, SessionRegistry, ByteBufAllocator, Executor, Path, MicrosClock, int,
     * MessageCrypto)}, with the login policy the server configured.
     *
     * @param loginGuard login throttling, the password-hashing pool and the auth audit
     * @return a dispatcher ready for transports
     */
    public static KernelDispatcher dispatcher(MetadataWriter metadata, SessionRegistry sessions, ByteBufAllocator alloc,
                                              Executor hashing, Path dataDir, MicrosClock clock,
                                              int maxTokensPerUser, MessageCrypto crypto, LoginGuard loginGuard) {
        KernelDispatcher d = new KernelDispatcher();
        Guard guard = new Guard(new Authorizer());
        new SystemCommands(metadata, sessions, new StatsCollector(dataDir, clock), alloc, guard).registerWith(d);
        new SessionCommands(metadata, loginGuard, alloc).registerWith(d);
        // A clock that is also a random source pins both while a replicated command applies (clustering).
        RandomSource random = clock instanceof RandomSource r ? r : RandomSource.SECURE;
        PasswordHashing passwords = clock instanceof PasswordHashing p ? p : PasswordHashing.ARGON2;
        new UserCommands(metadata, sessions, hashing, alloc, guard, clock, random, passwords).registerWith(d);
        d.credentialPrehash(new CredentialPrehash(metadata, hashing, guard, alloc));
        TokenSecrets tokens = clock instanceof TokenSecrets t ? t : TokenSecrets.RANDOM;
        new TokenCommands(metadata, alloc, clock, maxTokensPerUser, random, tokens, loginGuard).registerWith(d);
        new StreamCommands(metadata, alloc, guard).registerWith(d);
        new TopicCommands(metadata, alloc, guard).registerWith(d);
        ConsumerOffsetCommands offsets = new ConsumerOffsetCommands(metadata, alloc, guard);
        OffsetChanges offsetChanges = new OffsetChanges(metadata, offsets);
        d.offsetChanges(offsetChanges);
        new MessageCommands(metadata, alloc, guard, crypto, clock, offsetChanges).registerWith(d);
        offsets.registerWith(d);
        new SegmentCommands(metadata, guard).registerWith(d);
        ConsumerGroupWriter groups = new ConsumerGroupWriter(metadata);
        new ConsumerGroupCommands(metadata, groups, alloc, guard).registerWith(d);
        GroupMemberships memberships = new GroupMemberships(metadata, groups, guard);
        d.groupMemberships(memberships);
        sessions.onDeparture(session -> leaveGroups(metadata, memberships, session));
        return d;
    }

    /**
     * Adds get_snapshot and get_cluster_metadata, which need what only the server knows.
     *
     * @param d              the dispatcher to extend
     * @param snapshots      builds snapshot archives
     * @param boundAddresses transport name to bound address, null when not running
     * @param blocking       executor for blocking reads
     * @param alloc          allocator for replies
     */
    public static void registerServerInfo(KernelDispatcher d, SnapshotArchive snapshots,
                                          Function<String, InetSocketAddress> boundAddresses, Executor blocking,
                                          ByteBufAllocator alloc) {
        new ServerInfoCommands(snapshots, boundAddresses, blocking, alloc).registerWith(d);
    }

    /**
     * Replaces the single-node get_cluster_metadata answer with the cluster's (clustering on).
     *
     * @param d           the dispatcher to extend
     * @param clusterName the name reported to clients
     * @param nodes       every node with its role and status, read on each request
     * @param alloc       allocator for replies
     */
    public static void registerClusterMetadata(KernelDispatcher d, String clusterName,
                                               Supplier<List<ClusterNode>> nodes, ByteBufAllocator alloc) {
        d.register(CommandCode.GET_CLUSTER_METADATA, p -> null, (s, r) -> Replies.done(Replies.write(alloc,
                out -> ResponseWriter.clusterMetadata(out, clusterName, nodes.get()))));
    }

    /**
     * A closed or stale session leaves its groups; sessions that never joined one cost nothing.
     *
     * @return completes when the groups on this node no longer list the session
     */
    private static CompletionStage<?> leaveGroups(MetadataWriter metadata, GroupMemberships memberships,
                                                  ClientSession session) {
        if (!session.hasJoinedGroup()) {
            return CompletableFuture.completedFuture(null);
        }
        java.util.function.Consumer<ClientSession> replicated = memberships.departures();
        if (replicated != null) {
            // Clustering: the member lists are replicated, so leaving is a replicated entry too
            // (not awaited: it commits on the Raft log's schedule, and the refusal need not wait).
            replicated.accept(session);
            return CompletableFuture.completedFuture(null);
        }
        try {
            return metadata.mutate(() -> {
                memberships.groups().leaveAll(session);
                return null;
            });
        } catch (RejectedExecutionException e) {
            // The server is stopping; memberships are not persisted, so there is nothing to undo.
            return CompletableFuture.completedFuture(null);
        }
    }
}
