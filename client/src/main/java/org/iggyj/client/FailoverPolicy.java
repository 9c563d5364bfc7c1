package org.iggyj.client;

import java.util.function.Function;
import org.iggyj.protocol.ErrorCode;

/**
 * What a call does when the connection breaks under it: a call that may be applied twice is run again on
 * the next node (at most once more per node, so a request that makes every node drop the connection does
 * not loop); a call that must not be applied twice is not resent but reported {@link InDoubtException}
 * after the move. A call on a connection already known to be closed was never written, so it simply goes
 * to the next node. Stateless.
 */
final class FailoverPolicy {

    /** The node-following state a call runs against. */
    interface Target {
        /** @return the current connection, after moving on if it is known to be closed */
        IggyConnection open();

        /** Gives the current connection up and moves to the next node that accepts. */
        void failOver(IggyClientException cause);

        /** @return how many nodes there are */
        int nodeCount();
    }

    private FailoverPolicy() {
    }

    /**
     * @return whether {@code e} says the connection broke (the server may or may not have seen the request),
     *         rather than that the server answered with an error
     */
    static boolean isConnectionLoss(IggyClientException e) {
        int status = e.status();
        return status == ErrorCode.CONNECTION_CLOSED.code() || status == ErrorCode.TCP_ERROR.code();
    }

    static <T> T idempotent(Target target, Function<IggyConnection, T> call) {
        for (int attempt = 0; ; attempt++) {
            IggyConnection connection = target.open();
            try {
                return call.apply(connection);
            } catch (IggyClientException e) {
                if (!isConnectionLoss(e) || attempt >= target.nodeCount()) {
                    throw e;
                }
                target.failOver(e);
            }
        }
    }

    static <T> T once(Target target, int command, Function<IggyConnection, T> call) {
        IggyConnection connection = target.open();
        try {
            return call.apply(connection);
        } catch (IggyClientException e) {
            if (!isConnectionLoss(e)) {
                throw e;
            }
            InDoubtException inDoubt = new InDoubtException(command, e);
            try {
                target.failOver(e);
            } catch (IggyClientException noNode) {
                inDoubt.addSuppressed(noNode);
            }
            throw inDoubt;
        }
    }
}
