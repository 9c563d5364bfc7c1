import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a buffered 1 MiB write costs on this machine, with no server: appending to a file (the kernel
 * allocates new page-cache pages, as a segment's append does) against overwriting 64 MiB of the same file
 * again (its pages already cached). Several rounds, each on a new file; the previous file is deleted, so
 * from the second round on its freed pages are at hand for the next appends. On a machine whose free
 * memory the hypervisor takes back (free page reporting) the first round and every append that has to
 * use such memory pay for the host backing it again, inside the write.
 *
 * <pre>
 * java benchmarks/PageCacheAppend.java [MiB per round, 300] [directory, the system's temporary one]
 * </pre>
 */
public final class PageCacheAppend {

    private static final int MIB = 1 << 20;

    public static void main(String[] args) throws IOException {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
                "page-cache-append");
        ByteBuffer source = ByteBuffer.allocateDirect(MIB);
        for (int i = 0; i < MIB; i++) {
            source.put(i, (byte) i);
        }
        try {
            for (int round = 1; round <= 6; round++) {
                Path file = dir.resolve("round-" + round);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long start = System.nanoTime();
                    for (int i = 0; i < mib; i++) {
                        source.clear();
                        while (source.hasRemaining()) {
                            channel.write(source);
                        }
                    }
                    long append = System.nanoTime() - start;
                    start = System.nanoTime();
                    for (int i = 0; i < mib; i++) {
                        source.clear();
                        long position = (long) (i % Math.min(64, mib)) * MIB;
                        while (source.hasRemaining()) {
                            position += channel.write(source, position);
                        }
                    }
                    long overwrite = System.nanoTime() - start;
                    System.out.printf("round %d: append (new pages) %,.0f us/MiB, overwrite (cached pages) %,.0f us/MiB%n",
                            round, append / 1e3 / mib, overwrite / 1e3 / mib);
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
