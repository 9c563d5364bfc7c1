package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@link KernelSnapshots} tests share: a node opened on a real data directory (1 KiB
 * segments, {@link DataDirNode}), its snapshots, and a directory to take them into.
 */
abstract class SnapshotFixture {

    @TempDir
    Path dataDir;

    @TempDir
    Path snapshotDir;

    DataDirNode node;
    MetadataWriter writer;
    KernelSnapshots snapshots;

    @BeforeEach
    void openNode() throws IOException {
        node = DataDirNode.open(dataDir, 1_700_000_000_000_000L);
        writer = node.writer();
        snapshots = new KernelSnapshots(writer, node.layout());
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    /** @return what {@code op} returns, run as a metadata change on the metadata shard */
    <T> T onWriter(Supplier<T> op) {
        return writer.mutate(op).join();
    }
}
