package org.iggyj.kernel.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.iggyj.kernel.ScopedTestDirectory;
import org.iggyj.kernel.storage.FileOpener;

/**
 * The servers a test, or a test class, starts, as a JUnit extension: a fresh data directory, every
 * {@link TestServer} started on it and every client handed to {@link #closedAtEnd} closed (clients first,
 * as they were opened after their server), and the directory deleted ({@link ScopedTestDirectory}). On an
 * instance field each test gets its own; on a static field the class's tests share the servers its
 * {@code @BeforeAll} method started.
 */
final class TestServers extends ScopedTestDirectory {

    /** The size of the tmpfs the data directory is on, or 0 for a plain temporary directory. */
    private final int tmpfsMiB;
    private Tmpfs tmpfs;

    TestServers() {
        this(0);
    }

    private TestServers(int tmpfsMiB) {
        this.tmpfsMiB = tmpfsMiB;
    }

    /**
     * @param sizeMiB the size of the file system
     * @return servers whose data directory is on a tmpfs mounted for the scope, so a full disk is a real
     *         ENOSPC; the test is skipped where it cannot be mounted ({@link Tmpfs#mount})
     */
    static TestServers onTmpfs(int sizeMiB) {
        return new TestServers(sizeMiB);
    }

    @Override
    protected void begun() throws Exception {
        // closed after the servers started on it, as it was opened before them
        tmpfs = tmpfsMiB == 0 ? null : closedAtEnd(Tmpfs.mount(tmpfsMiB));
    }

    /** @return the data directory of the current scope, shared by the servers it starts */
    Path dataDir() {
        return tmpfs == null ? root() : tmpfs.dir().resolve("data");
    }

    /** @return the tmpfs of the current scope ({@link #onTmpfs} only) */
    Tmpfs tmpfs() {
        return tmpfs;
    }

    /** @return a server started on {@link #dataDir()} with the test defaults */
    TestServer start() throws IOException {
        return start(Map.of());
    }

    /** @return a server started on {@link #dataDir()} with {@code extraEnv} IGGY_* overrides */
    TestServer start(Map<String, String> extraEnv) throws IOException {
        return start(extraEnv, FileOpener.DEFAULT);
    }

    /** @return a server started on {@link #dataDir()} opening segment files through {@code files} */
    TestServer start(Map<String, String> extraEnv, FileOpener files) throws IOException {
        return closedAtEnd(TestServer.start(dataDir(), extraEnv, files));
    }

    /**
     * @param client a client of a server started here, e.g. one the class's tests share
     * @return {@code client}, closed when the scope ends, before the servers
     */
    <T extends AutoCloseable> T closedWithServers(T client) {
        return closedAtEnd(client);
    }
}
