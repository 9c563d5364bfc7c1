package org.iggyj.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.iggyj.kernel.metadata.FileTrees;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The base of the test fixtures that work on real files: a fresh temporary directory for each test, and
 * what the fixture opened there closed after the test, last opened first, before the directory is
 * deleted. A fixture extending it is registered with {@code @RegisterExtension} on an instance field, so
 * it runs after the test's own {@code @AfterEach} methods.
 */
public abstract class PerTestDirectory implements BeforeEachCallback, AfterEachCallback {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private Path root;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("iggyj-test");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        } finally {
            opened.clear();
            FileTrees.delete(root);
        }
    }

    /** @return the current test's directory */
    protected final Path root() {
        return root;
    }

    /**
     * @param resource something opened for the current test; closing it must be idempotent, as the test
     *                 may close it itself
     * @return {@code resource}, closed after the test
     */
    protected final <T extends AutoCloseable> T closedAfterTest(T resource) {
        opened.push(resource);
        return resource;
    }
}
