package org.iggyj.distribution;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Adds the tails of the nodes' logs to a cluster test's failure, whatever threw it: an unexpected
 * server error seen by a client (code 1, "Server error") says nothing by itself, and the nodes' data
 * directories go with the test's temporary directory once it ends. Only a cluster the failing test made
 * itself: one left from an earlier test is forgotten before each test.
 */
final class NodeLogsOnFailure implements BeforeEachCallback, TestExecutionExceptionHandler {

    @Override
    public void beforeEach(ExtensionContext context) {
        ThreeNodeCluster.forgetLatest();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String logs = ThreeNodeCluster.latestLogs();
        if (logs != null) {
            failure.addSuppressed(new NodeLogs(logs));
        }
        throw failure;
    }

    /** Carries the logs in its message, printed with the failure's stack trace. */
    private static final class NodeLogs extends Exception {
        private static final long serialVersionUID = 1L;

        NodeLogs(String logs) {
            super("the nodes' logs at the failure:" + logs, null, false, false);
        }
    }
}
