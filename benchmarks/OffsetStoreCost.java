import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a consumer-group poll's auto-commit costs the partition's shard, with no server: the 8-byte offset
 * file overwritten in place as ConsumerOffsets does it (open, check the size, positional write, close),
 * against the same write on a channel kept open. The file sits as deep as a partition's offsets do. Thread
 * CPU time, not wall time, so a loaded machine slows it without changing the figures much.
 *
 * <pre>
 * java benchmarks/OffsetStoreCost.java [stores per round, 20000] [directory, the system's temporary one]
 * </pre>
 */
public final class OffsetStoreCost {

    private static final int ROUNDS = 6;

    public static void main(String[] args) throws IOException {
        int stores = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path root = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
                "offset-store");
        Path dir = Files.createDirectories(root.resolve("streams/1/topics/1/partitions/0/offsets/groups"));
        Path file = dir.resolve("1");
        Files.write(file, new byte[Long.BYTES]);
        ByteBuffer value = ByteBuffer.allocateDirect(Long.BYTES);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FileChannel kept = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int round = 1; round <= ROUNDS; round++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < stores; i++) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        if (channel.size() != Long.BYTES) {
                            throw new IllegalStateException("offset file changed size");
                        }
                        value.clear().putLong(0, i);
                        channel.write(value, 0);
                    }
                }
                long t1 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < stores; i++) {
                    value.clear().putLong(0, i);
                    kept.write(value, 0);
                }
                long t2 = threads.getCurrentThreadCpuTime();
                System.out.printf("round %d: open+size+write+close %.2f us CPU per store, write on an open channel %.2f us%n",
                        round, (t1 - t0) / 1e3 / stores, (t2 - t1) / 1e3 / stores);
            }
        } finally {
            Files.delete(file);
            for (Path p = dir; !p.equals(root.getParent()); p = p.getParent()) {
                Files.delete(p);
            }
        }
    }
}
