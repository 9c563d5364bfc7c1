package org.iggyj.client;

import java.util.List;
import java.util.Optional;
import org.iggyj.protocol.ErrorCode;

/**
 * The ordered node list and the way round it: from a given position, the nodes in list order, wrapping,
 * then again after a short pause until the reconnection budget is spent; then, with
 * {@link FailoverConnection.Options#preferLeader()}, on to the leader. Stateless between calls; confined
 * to the thread that uses its {@link FailoverConnection}.
 */
final class NodeRotation {

    /** How long a reconnection waits between rounds over every node while none is reachable. */
    private static final long ROUND_PAUSE_MS = 250;

    /** A logged-in connection, the node it goes to and that node's position in the list. */
    record Connected(IggyConnection connection, NodeAddress node, int index) { }

    private final List<NodeAddress> nodes;
    private final NodeConnector connector;

    NodeRotation(List<NodeAddress> nodes, NodeConnector connector) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node address");
        }
        this.nodes = List.copyOf(nodes);
        this.connector = connector;
    }

    /** @return how many nodes the list holds */
    int size() {
        return nodes.size();
    }

    /** @return the position after {@code index}, wrapping */
    int after(int index) {
        return (index + 1) % nodes.size();
    }

    /**
     * Tries the nodes from {@code start}, round, until one accepts or the budget is spent.
     *
     * @param cause why the previous connection was given up, attached to the failure; null at first connect
     * @throws IggyClientException {@link ErrorCode#TCP_ERROR} naming each node's failure when none accepted
     *                             within the budget; the server's status when a node refused the login
     */
    Connected connect(int start, IggyClientException cause) {
        long deadline = System.nanoTime() + connector.options().reconnectTimeout().toNanos();
        StringBuilder failures = new StringBuilder();
        while (true) {
            for (int k = 0; k < nodes.size(); k++) {
                int i = (start + k) % nodes.size();
                Optional<IggyConnection> c = connector.open(nodes.get(i), failures);
                if (c.isPresent()) {
                    Connected connected = new Connected(c.get(), nodes.get(i), i);
                    return connector.options().preferLeader() ? toLeader(connected) : connected;
                }
            }
            if (System.nanoTime() > deadline) {
                IggyClientException e = new IggyClientException(ErrorCode.TCP_ERROR,
                        "no node reachable of " + nodes + ":" + failures);
                if (cause != null) {
                    e.addSuppressed(cause);
                }
                throw e;
            }
            failures.setLength(0);
            pause();
        }
    }

    /**
     * Every node serves every command; the leader saves writes a forwarding hop. A leader that is unknown
     * or cannot be reached leaves the connection where it is.
     */
    private Connected toLeader(Connected connected) {
        Optional<NodeAddress> leader = LeaderLookup.leader(connected.connection(),
                connector.options().transport());
        if (leader.isEmpty() || leader.get().equals(connected.node())) {
            return connected;
        }
        Optional<IggyConnection> c;
        try {
            c = connector.open(leader.get(), new StringBuilder());
        } catch (IggyClientException e) {
            return connected;
        }
        if (c.isEmpty()) {
            return connected;
        }
        connected.connection().close();
        int listed = nodes.indexOf(leader.get());
        return new Connected(c.get(), leader.get(), listed >= 0 ? listed : connected.index());
    }

    private static void pause() {
        try {
            Thread.sleep(ROUND_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "interrupted while reconnecting");
        }
    }
}
