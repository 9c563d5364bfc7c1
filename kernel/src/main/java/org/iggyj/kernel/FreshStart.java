package org.iggyj.kernel;

import java.io.IOException;
import java.nio.file.Path;
import org.iggyj.kernel.metadata.FileTrees;

/**
 * {@code --fresh}: deletes the data directory before starting, as Iggy's flag does.
 */
final class FreshStart {

    private FreshStart() {
    }

    static void wipe(Path dataDir) throws IOException {
        FileTrees.delete(dataDir);
    }
}
