package org.iggyj.client;

import org.iggyj.protocol.ErrorCode;

/**
 * The node a {@link FailoverConnection} is on now, and the move to the next: closes the broken connection,
 * goes round the {@link NodeRotation} from the node after it, counts the move and tells the listener.
 * Confined to the thread that uses its {@link FailoverConnection}.
 */
final class CurrentNode implements FailoverPolicy.Target {

    private final NodeRotation rotation;
    private FailoverConnection.FailoverListener listener = (from, to, cause) -> { };
    private NodeRotation.Connected connected;
    private long failovers;

    /** Connects to the first node of the rotation that accepts. */
    CurrentNode(NodeRotation rotation) {
        this.rotation = rotation;
        this.connected = rotation.connect(0, null);
    }

    IggyConnection connection() {
        return connected.connection();
    }

    NodeAddress node() {
        return connected.node();
    }

    long failovers() {
        return failovers;
    }

    void listener(FailoverConnection.FailoverListener listener) {
        this.listener = listener;
    }

    @Override
    public IggyConnection open() {
        if (!connected.connection().isOpen()) {
            failOver(new IggyClientException(ErrorCode.CONNECTION_CLOSED, "connection to " + connected.node()
                    + " closed"));
        }
        return connected.connection();
    }

    @Override
    public void failOver(IggyClientException cause) {
        NodeAddress from = connected.node();
        connected.connection().close();
        connected = rotation.connect(rotation.after(connected.index()), cause);
        failovers++;
        listener.onFailover(from, connected.node(), cause);
    }

    @Override
    public int nodeCount() {
        return rotation.size();
    }

    void close() {
        connected.connection().close();
    }
}
