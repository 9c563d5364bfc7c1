package org.iggyj.distribution;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Adds the tails of the nodes' logs to a cluster test's failure, whatever threw it: an unexpected
 * server error seen by a client (code 1, "Server error") says nothing by itself, and the nodes' data
 * directories go with the test's temporary directory once it ends. Only a cluster the failing test made
 * itself: one left from an earlier test is forgotten before each test.
 *
 * <p>A test that timed out (the cluster tests run with {@code @Timeout(threadMode = SEPARATE_THREAD)}:
 * the official SDK's blocking calls wait in {@code CompletableFuture.join()}, which no interrupt ends)
 * also gets the nodes' thread dumps, and its nodes are killed after it, since its own thread, still
 * blocked, never closes them.
 */
final class NodeLogsOnFailure implements BeforeEachCallback, TestExecutionExceptionHandler, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        ThreeNodeCluster.forgetLatest();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String logs = ThreeNodeCluster.latestLogs();
        if (logs != null) {
            failure.addSuppressed(new NodeLogs("the nodes' logs at the failure:" + logs));
        }
        if (failure instanceof TimeoutException) {
            String threads = ThreeNodeCluster.latestThreadDumps();
            if (threads != null) {
                failure.addSuppressed(new NodeLogs("the nodes' threads at the timeout:" + threads));
            }
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (context.getExecutionException().isPresent()) {
            ThreeNodeCluster.killLatest();
        }
    }

    /** Carries logs or thread dumps in its message, printed with the failure's stack trace. */
    private static final class NodeLogs extends Exception {
        private static final long serialVersionUID = 1L;

        NodeLogs(String text) {
            super(text, null, false, false);
        }
    }
}
