import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The closed-loop ceiling of loopback TCP, for comparing with iggy-bench's single-partition producer and
 * consumer: one connection, one request in flight, no Iggy. Three shapes, a few seconds each:
 * <ul>
 * <li>{@code produce}: a 1 MiB request, an 8-byte reply (a producer's batch and its ack);</li>
 * <li>{@code consume}: an 8-byte request, a 1 MiB reply (a poll and its batch);</li>
 * <li>{@code consume-sendfile}: the same, the reply sent from a 1 MiB file in the page cache with
 * {@code transferTo} (sendfile), as iggyj sends a poll's messages;</li>
 * <li>{@code ping}: 8 bytes each way, the fixed cost of one round trip (two thread wake-ups).</li>
 * </ul>
 * Blocking sockets, TCP_NODELAY as iggyj sets it, each side reading into a reused direct buffer and
 * discarding it. Run as a single source file: {@code java ClosedLoopBandwidth.java [seconds per shape]}.
 * Prints one line per shape; the 1 MiB shapes in MB/s (10^6 bytes) like {@code LoopbackBandwidth}.
 */
public final class ClosedLoopBandwidth {

    private static final int LARGE = 1 << 20;
    private static final int SMALL = 8;

    private ClosedLoopBandwidth() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        long nanos = (long) (seconds * 1e9);
        Shape[] shapes = {new Shape("produce", LARGE, SMALL), new Shape("consume", SMALL, LARGE),
            new Shape("consume-sendfile", SMALL, LARGE), new Shape("ping", SMALL, SMALL)};
        for (Shape shape : shapes) {
            shape.run(nanos / 5); // warm-up: the JIT and the socket buffers' growth
            long[] done = shape.run(nanos);
            double elapsed = done[1] / 1e9;
            if (shape.name.equals("ping")) {
                System.out.printf("ping: %.1f us per round trip (%d round trips)%n", elapsed * 1e6 / done[0], done[0]);
            } else {
                System.out.printf("%s: %.0f MB/s (%d round trips of %d + %d bytes, %.0f us each)%n", shape.name,
                    done[0] * (double) LARGE / elapsed / 1e6, done[0], shape.request, shape.reply,
                    elapsed * 1e6 / done[0]);
            }
        }
    }

    private record Shape(String name, int request, int reply) {

        /** Runs round trips for about {@code nanos}; returns {round trips, elapsed nanos}. */
        long[] run(long nanos) throws Exception {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Thread responder = new Thread(() -> respond(listener), "responder");
                responder.start();
                long trips = 0;
                long start;
                long elapsed;
                try (SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ByteBuffer out = ByteBuffer.allocateDirect(request);
                    ByteBuffer in = ByteBuffer.allocateDirect(reply);
                    start = System.nanoTime();
                    do {
                        out.clear();
                        write(client, out);
                        in.clear();
                        readFully(client, in);
                        trips++;
                    } while ((elapsed = System.nanoTime() - start) < nanos);
                }
                responder.join();
                return new long[] {trips, elapsed};
            }
        }

        private void respond(ServerSocketChannel listener) {
            try (SocketChannel server = listener.accept()) {
                server.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ByteBuffer in = ByteBuffer.allocateDirect(request);
                ByteBuffer out = ByteBuffer.allocateDirect(reply);
                FileChannel source = null;
                Path file = null;
                if (name.endsWith("sendfile")) {
                    file = Files.createTempFile("closed-loop", ".bin");
                    source = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    write(source, out);
                }
                while (true) {
                    in.clear();
                    if (!readFully(server, in)) {
                        break;
                    }
                    if (source == null) {
                        out.clear();
                        write(server, out);
                    } else {
                        for (long sent = 0; sent < reply; ) {
                            sent += source.transferTo(sent, reply - sent, server);
                        }
                    }
                }
                if (source != null) {
                    source.close();
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void write(java.nio.channels.WritableByteChannel channel, ByteBuffer buffer)
        throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Fills the buffer; false at a clean end of stream before its first byte. */
    private static boolean readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (buffer.position() == 0) {
                    return false;
                }
                throw new IOException("end of stream inside a message");
            }
        }
        return true;
    }
}
