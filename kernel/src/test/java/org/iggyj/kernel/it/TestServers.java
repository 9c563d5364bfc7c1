package org.iggyj.kernel.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.iggyj.kernel.PerTestDirectory;
import org.iggyj.kernel.storage.FileOpener;

/**
 * The servers one test starts, as a JUnit extension ({@code @RegisterExtension} on an instance field): a
 * fresh data directory for each test, every {@link TestServer} started on it closed after the test (after
 * its own {@code @AfterEach} methods, so clients close first), and the directory deleted
 * ({@link PerTestDirectory}).
 */
final class TestServers extends PerTestDirectory {

    /** @return the data directory of the current test, shared by the servers it starts */
    Path dataDir() {
        return root();
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
        return closedAfterTest(TestServer.start(dataDir(), extraEnv, files));
    }
}
