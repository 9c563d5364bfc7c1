package org.iggyj.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;

/**
 * At shutdown, fsyncs and closes every partition on its owner shard, as Iggy flushes every
 * journal on a graceful stop.
 */
final class ShutdownFlush {

    private ShutdownFlush() {
    }

    static void closeAll(Metadata md) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (Partition p : t.partitions()) {
                    pending.add(p.owner().submit(() -> {
                        p.close();
                        return null;
                    }));
                }
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
}
