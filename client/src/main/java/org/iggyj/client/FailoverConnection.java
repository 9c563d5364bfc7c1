package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;

/**
 * A logged-in connection to one node of a list, that moves to another node when its node cannot be
 * reached or the connection breaks.
 *
 * <p>Connecting tries the nodes in the given order and keeps the first that accepts the connection and
 * the login; with {@link Options#preferLeader()} it then asks that node for the cluster's leader
 * (get_cluster_metadata) and moves there when it can (every node serves every command, the leader
 * saves writes a forwarding hop). When the connection breaks, the next call first reconnects: the nodes
 * after the current one in the list, round, then again after a short pause until
 * {@link Options#reconnectTimeout()}; each new connection logs in again with the same {@link Login} and
 * replays the session set-up registered with {@link #onSessionSetup} (e.g. joining a consumer group,
 * which is per connection).
 *
 * <p><b>A request in flight when the connection drops.</b> The client cannot know whether the server
 * received and applied it. Requests that change nothing, or that give the same result when applied twice
 * (ping, get_stats, polls without auto-commit, store_consumer_offset with the same offset), are sent
 * again on the new node. A request that changes state and must not be applied twice (send_messages,
 * a poll with auto-commit, create calls) is <b>not</b> resent: the call reconnects, then throws
 * {@link InDoubtException}, and the caller decides, e.g. polls to see whether its batch is there, or
 * resends when its messages carry their own ids and the server's message deduplication is on. A request
 * on a connection already known to be closed was never written, so it is sent on the new node.
 *
 * <p>Thread-safety: one thread at a time (calls may be made from different threads only when the caller
 * orders them), as the CLI and each iggy-bench actor use it.
 *
 * <p>Design note: this class is the typed command surface; {@link FailoverPolicy} decides what a call does
 * when the connection breaks, {@link CurrentNode} holds the node in use and makes the move,
 * {@link NodeRotation} goes round the node list (and on to the leader), {@link NodeConnector} opens one
 * logged-in connection.
 */
public final class FailoverConnection implements AutoCloseable {

    /** Logs a new connection in; called once per connection. */
    @FunctionalInterface
    public interface Login {
        /**
         * @param connection a new, anonymous connection
         * @throws IggyClientException when the login is refused
         */
        void logIn(IggyConnection connection);

        /** @return a login with a username and password */
        static Login user(String username, String password) {
            return c -> c.login(username, password);
        }
    }

    /** Told about each move to another node; runs on the calling thread. */
    @FunctionalInterface
    public interface FailoverListener {
        /**
         * @param from  the node left
         * @param to    the node now connected and logged in
         * @param cause why the old connection was given up
         */
        void onFailover(NodeAddress from, NodeAddress to, IggyClientException cause);
    }

    /**
     * @param timeout          each call's wait for its reply (and the connection handshakes)
     * @param transport        TCP, WebSocket or QUIC, the same on every node
     * @param tls              TLS settings of every connection
     * @param preferLeader     move to the leader reported by get_cluster_metadata after connecting
     * @param reconnectTimeout how long a reconnection may try the nodes before the call fails
     */
    public record Options(Duration timeout, ClientTransport transport, ClientTls tls, boolean preferLeader,
                          Duration reconnectTimeout) {

        /** @return TCP without TLS, the default call timeout, no leader preference, 30 s to reconnect */
        public static Options tcp() {
            return new Options(IggyConnection.DEFAULT_TIMEOUT, ClientTransport.TCP, ClientTls.OFF, false,
                    Duration.ofSeconds(30));
        }

        /** @return these options with the leader preference set */
        public Options preferringLeader(boolean prefer) {
            return new Options(timeout, transport, tls, prefer, reconnectTimeout);
        }

        /** @return these options with another reconnection budget */
        public Options reconnectingFor(Duration budget) {
            return new Options(timeout, transport, tls, preferLeader, budget);
        }
    }

    private final NodeConnector connector;
    private final CurrentNode currentNode;

    private FailoverConnection(NodeConnector connector, CurrentNode currentNode) {
        this.connector = connector;
        this.currentNode = currentNode;
    }

    /**
     * Connects to the first node of {@code nodes} that accepts, logged in.
     *
     * @return the connection
     * @throws IggyClientException {@link ErrorCode#TCP_ERROR} when no node accepted the connection and the
     *                             login within the reconnection budget (naming each node's failure); the
     *                             server's status when a node refused the login (e.g. 42 invalid_credentials)
     */
    public static FailoverConnection connect(ClientIo io, List<NodeAddress> nodes, Options options, Login login) {
        NodeConnector connector = new NodeConnector(io, options, login);
        return new FailoverConnection(connector, new CurrentNode(new NodeRotation(nodes, connector)));
    }

    /** @return the current connection, logged in (it may have broken since the last call) */
    public IggyConnection current() {
        return currentNode.connection();
    }

    /** @return the node of the current connection */
    public NodeAddress node() {
        return currentNode.node();
    }

    /** @return how many times the connection moved to another node after a failure */
    public long failovers() {
        return currentNode.failovers();
    }

    /** @param listener told about each failover (replaces the previous one) */
    public void onFailover(FailoverListener listener) {
        currentNode.listener(listener);
    }

    /**
     * Runs {@code setup} on the current connection now and on every new one after a failover, after its
     * login: for per-connection state such as consumer group membership.
     */
    public void onSessionSetup(Consumer<IggyConnection> setup) {
        setup.accept(currentNode.connection());
        connector.addSessionSetup(setup);
    }

    /**
     * Runs a call that may safely be applied twice; when the connection breaks, it is run again on the
     * next node that accepts (at most once more per node, then the connection failure is thrown).
     *
     * @return the call's result
     */
    public <T> T idempotent(Function<IggyConnection, T> call) {
        return FailoverPolicy.idempotent(currentNode, call);
    }

    /**
     * Runs a call that must not be applied twice; when the connection breaks during it, reconnects and
     * throws {@link InDoubtException}.
     *
     * @param command the command's code, for the exception
     * @return the call's result
     */
    public <T> T once(int command, Function<IggyConnection, T> call) {
        return FailoverPolicy.once(currentNode, command, call);
    }

    /** ping (1), resent after a failover. */
    public void ping() {
        idempotent(c -> {
            c.ping();
            return null;
        });
    }

    /** get_stats (10), resent after a failover. */
    public Stats stats() {
        return idempotent(IggyConnection::stats);
    }

    /**
     * send_messages (101), never resent: see the class comment.
     *
     * @throws InDoubtException when the connection broke during the call
     * @see IggyConnection#sendMessages(Identifier, Identifier, Partitioning, ByteBuf)
     */
    public void sendMessages(Identifier stream, Identifier topic, Partitioning partitioning, ByteBuf batch) {
        once(CommandCode.SEND_MESSAGES, c -> {
            c.sendMessages(stream, topic, partitioning, batch);
            return null;
        });
    }

    /**
     * send_messages (101) of individually built messages, never resent: see the class comment.
     *
     * @throws InDoubtException when the connection broke during the call
     */
    public void sendMessages(Identifier stream, Identifier topic, Partitioning partitioning,
                             List<MessageDraft> messages) {
        once(CommandCode.SEND_MESSAGES, c -> {
            c.sendMessages(stream, topic, partitioning, messages);
            return null;
        });
    }

    /**
     * poll_messages (100): resent after a failover without auto-commit; with it, a poll whose reply was
     * lost may have moved the stored offset, so it throws {@link InDoubtException} instead.
     */
    public PolledBatch pollMessages(org.iggyj.protocol.wire.Consumer consumer, Identifier stream, Identifier topic,
                                    long partitionId, PollingStrategy strategy, long count, boolean autoCommit) {
        Function<IggyConnection, PolledBatch> poll =
                c -> c.pollMessages(consumer, stream, topic, partitionId, strategy, count, autoCommit);
        return autoCommit ? once(CommandCode.POLL_MESSAGES, poll) : idempotent(poll);
    }

    /** store_consumer_offset (121), resent after a failover (storing the same offset twice is harmless). */
    public void storeConsumerOffset(org.iggyj.protocol.wire.Consumer consumer, Identifier stream, Identifier topic,
                                    long partitionId, long offset) {
        idempotent(c -> {
            c.storeConsumerOffset(consumer, stream, topic, partitionId, offset);
            return null;
        });
    }

    /** Closes the current connection. Idempotent. */
    @Override
    public void close() {
        currentNode.close();
    }
}
