package org.iggyj.cluster;

import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * An entry this node, as the leader, hands to its own Ratis server in-process
 * ({@link LeaderLocalSubmission}). It records whether Ratis got as far as appending it to the log,
 * which decides what a failed request means: never logged, it can safely go again through the Raft
 * client; logged, its fate is in doubt (a later leader commits it or drops it) and resending it under
 * another client id could commit it twice.
 */
final class LocalEntry implements Message {

    private final ByteString content;
    private volatile boolean logged;

    LocalEntry(ByteString content) {
        this.content = content;
    }

    @Override
    public ByteString getContent() {
        return content;
    }

    /** @return whether the leader's log has (or may have) this entry */
    boolean logged() {
        return logged;
    }

    /**
     * Called by the state machine's {@code preAppendTransaction}, under the log's write lock, just
     * before Ratis builds the log entry.
     *
     * @param trx a transaction about to be appended on the leader
     */
    static void markLogged(TransactionContext trx) {
        if (trx.getClientRequest() != null && trx.getClientRequest().getMessage() instanceof LocalEntry local) {
            local.logged = true;
        }
    }

    @Override
    public String toString() {
        return "LocalEntry(" + content.size() + " bytes)";
    }
}
