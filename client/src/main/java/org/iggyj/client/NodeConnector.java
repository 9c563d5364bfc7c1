package org.iggyj.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens a logged-in connection to one node: connects with the {@link FailoverConnection.Options}, logs in
 * with the {@link FailoverConnection.Login} and replays the registered session set-up (e.g. consumer group
 * membership, which is per connection). Confined to the thread that uses its {@link FailoverConnection}.
 */
final class NodeConnector {

    private final ClientIo io;
    private final FailoverConnection.Options options;
    private final FailoverConnection.Login login;
    private final List<Consumer<IggyConnection>> sessionSetup = new ArrayList<>();

    NodeConnector(ClientIo io, FailoverConnection.Options options, FailoverConnection.Login login) {
        this.io = io;
        this.options = options;
        this.login = login;
    }

    FailoverConnection.Options options() {
        return options;
    }

    /** @param setup run on every connection opened from now on, after its login */
    void addSessionSetup(Consumer<IggyConnection> setup) {
        sessionSetup.add(setup);
    }

    /**
     * @param failures where the node's failure is appended when it cannot be reached
     * @return the connection, logged in and set up; empty when the node cannot be reached
     * @throws IggyClientException when the node refuses the login (every node holds the same users, so
     *                             every node would refuse it)
     */
    Optional<IggyConnection> open(NodeAddress node, StringBuilder failures) {
        IggyConnection c;
        try {
            c = IggyConnection.connect(io, node.host(), node.port(), options.timeout(), options.transport(),
                    options.tls());
        } catch (IggyClientException e) {
            failures.append(' ').append(node).append(": ").append(e.getMessage()).append(';');
            return Optional.empty();
        }
        try {
            login.logIn(c);
            for (Consumer<IggyConnection> setup : sessionSetup) {
                setup.accept(c);
            }
            return Optional.of(c);
        } catch (IggyClientException e) {
            c.close();
            if (!FailoverPolicy.isConnectionLoss(e)) {
                throw e;
            }
            failures.append(' ').append(node).append(": ").append(e.getMessage()).append(';');
            return Optional.empty();
        }
    }
}
