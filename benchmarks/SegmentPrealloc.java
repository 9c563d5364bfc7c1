import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What sizing a segment's {@code .log} ahead of its data would save on the append path, with no server:
 * 1 MiB buffered writes (a batch of 1000 x 1 KiB), optionally each followed by an {@code fdatasync}
 * ({@code force(false)}, as a group commit under {@code enforce_fsync}), in three layouts, alternating
 * within each round, each on a new file:
 * <ul>
 *   <li>{@code grow}: the file grows with every write (what a segment does now);</li>
 *   <li>{@code sized}: the file is first extended to its final size with {@code ftruncate} (a sparse hole:
 *       no blocks, only the size), so no write changes the size;</li>
 *   <li>{@code pretouched}: sized, and the hole read once before the writes, so the page cache already
 *       holds (clean, zero) pages where the writes land; the read's cost is reported apart.</li>
 * </ul>
 * For each: the writing thread's CPU time (user + system) and wall time per MiB. Without a server the
 * {@code pretouched} writer looks cheaper; inside the server the read of the hole (the kernel zeroing the
 * new pages, then copying them out) cost as much as the append saved (docs/benchmarks-history.md,
 * "Thirteenth session (issue #11): fsync CPU and producing"), so read this tool's figures with that one.
 *
 * <pre>
 * java benchmarks/SegmentPrealloc.java [MiB per file, 256] [fsync: true|false, true] [rounds, 4] [directory]
 * </pre>
 */
public final class SegmentPrealloc {

    private static final int MIB = 1 << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        boolean fsync = args.length <= 1 || Boolean.parseBoolean(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = Files.createTempDirectory(args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("java.io.tmpdir")),
                "segment-prealloc");
        ByteBuffer source = ByteBuffer.allocateDirect(MIB);
        for (int i = 0; i < MIB; i++) {
            source.put(i, (byte) i);
        }
        ByteBuffer sink = ByteBuffer.allocateDirect(MIB);
        String[] layouts = {"grow", "sized", "pretouched"};
        try {
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + (fsync ? " (fdatasync per MiB)" : "") + ":");
                for (int l = 0; l < layouts.length; l++) {
                    String layout = layouts[(l + round) % layouts.length];
                    Path file = dir.resolve(layout + "-" + round);
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        long pretouchCpu = 0;
                        if (!layout.equals("grow")) {
                            // Extending with a write of one byte at the end leaves a hole before it.
                            channel.write(ByteBuffer.wrap(new byte[1]), (long) mib * MIB - 1);
                            channel.force(true);
                        }
                        if (layout.equals("pretouched")) {
                            long cpu = THREADS.getCurrentThreadCpuTime();
                            for (long position = 0; position < (long) mib * MIB; position += MIB) {
                                sink.clear();
                                channel.read(sink, position);
                            }
                            pretouchCpu = THREADS.getCurrentThreadCpuTime() - cpu;
                        }
                        long cpu = THREADS.getCurrentThreadCpuTime();
                        long start = System.nanoTime();
                        long position = 0;
                        for (int i = 0; i < mib; i++) {
                            source.clear();
                            while (source.hasRemaining()) {
                                position += channel.write(source, position);
                            }
                            if (fsync) {
                                channel.force(false);
                            }
                        }
                        long wall = System.nanoTime() - start;
                        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                        line.append(String.format("  %s cpu %,.0f wall %,.0f us/MiB", layout, cpu / 1e3 / mib, wall / 1e3 / mib));
                        if (pretouchCpu > 0) {
                            line.append(String.format(" (+read %,.0f)", pretouchCpu / 1e3 / mib));
                        }
                    }
                    Files.delete(file);
                }
                System.out.println(line);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
