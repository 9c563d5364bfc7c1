import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Loopback TCP bandwidth without iperf3, for compare-kafka.sh: one connection, 1 MiB writes for five
 * seconds, a reader thread draining them. Run as a single source file: {@code java LoopbackBandwidth.java}.
 */
public final class LoopbackBandwidth {

    private static final long DURATION_NANOS = 5_000_000_000L;

    private LoopbackBandwidth() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long[] received = new long[1];
            Thread reader = new Thread(() -> {
                try (SocketChannel in = server.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
                    for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                        received[0] += n;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            long start = System.nanoTime();
            try (SocketChannel out = SocketChannel.open(server.getLocalAddress())) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
                while (System.nanoTime() - start < DURATION_NANOS) {
                    buffer.clear();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
            }
            reader.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%.0f MB/s (Java socket copy, 1 stream)%n", received[0] / seconds / 1e6);
        }
    }
}
