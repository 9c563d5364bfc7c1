package org.iggyj.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.iggyj.kernel.metadata.FileTrees;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The base of the test fixtures that work on real files: a fresh temporary directory, and what the fixture
 * opened there closed, last opened first, before the directory is deleted. Its scope is where it is
 * registered with {@code @RegisterExtension}: on an instance field it serves each test, and ends after the
 * test's own {@code @AfterEach} methods; on a static field it serves the whole class (the expensive set-up a
 * class's tests share), begins before the class's {@code @BeforeAll} methods and ends after its
 * {@code @AfterAll} methods. Only JUnit's class-level callbacks tell the two apart, so a test class with
 * {@code @TestInstance(PER_CLASS)} must register it on a static field.
 */
public abstract class ScopedTestDirectory
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean classScoped;
    private Path root;

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        classScoped = true;
        begin();
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        end();
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        if (!classScoped) {
            begin();
        }
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        if (!classScoped) {
            end();
        }
    }

    /**
     * What a fixture opens at the start of each scope, after the directory exists; the default opens
     * nothing.
     *
     * @throws Exception when it cannot be opened (the scope still ends: what was opened is closed)
     */
    protected void begun() throws Exception {
    }

    private void begin() throws Exception {
        root = Files.createTempDirectory("iggyj-test");
        begun();
    }

    private void end() throws Exception {
        try {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        } finally {
            opened.clear();
            FileTrees.delete(root);
        }
    }

    /** @return the current scope's directory */
    protected final Path root() {
        return root;
    }

    /**
     * @param resource something opened for the current scope; closing it must be idempotent, as the test
     *                 may close it itself
     * @return {@code resource}, closed when the scope ends
     */
    protected final <T extends AutoCloseable> T closedAtEnd(T resource) {
        opened.push(resource);
        return resource;
    }
}
