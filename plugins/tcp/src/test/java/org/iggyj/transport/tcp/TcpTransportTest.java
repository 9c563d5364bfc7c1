package org.iggyj.transport.tcp;

import static org.iggyj.transport.tcp.Frames.header;
import static org.iggyj.transport.tcp.Frames.reply;
import static org.iggyj.transport.tcp.Frames.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Transport;
import org.iggyj.spi.test.FakeTransportContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpTransportTest {

    private static final byte[] EMPTY = new byte[0];

    private final FakeTransportContext context = new FakeTransportContext().pooled().set("address", "127.0.0.1:0");

    @AfterEach
    void stopEventLoops() {
        context.close();
    }

    @Test
    void shouldServePingAndBadFramesOnARealSocketAndSayGoodbyeOnClose() throws Exception {
        context.dispatcher().reply(1, Reply::ok);
        Endpoint endpoint = new TcpTransport().start(context);
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        assertTrue(port > 0);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            out.write(request(1, EMPTY));
            assertArrayEquals(reply(0, EMPTY), readFrame(in));

            out.write(header(2, 1));
            assertArrayEquals(reply(3, EMPTY), readFrame(in));

            out.write(request(1, EMPTY));
            assertArrayEquals(reply(0, EMPTY), readFrame(in));

            endpoint.close();
            assertArrayEquals(reply(8, EMPTY), readFrame(in));
            assertEquals(-1, in.read());
        } finally {
            endpoint.close();
        }
        assertTrue(context.sessions().awaitClosed(1, Duration.ofSeconds(10)));
        assertEquals(1, context.sessions().opened().size());
        assertEquals(List.of(1, 1), context.dispatcher().codes());
    }

    @Test
    void shouldReleaseThePortOnClose() throws Exception {
        Endpoint endpoint = new TcpTransport().start(context);
        InetSocketAddress bound = (InetSocketAddress) endpoint.address();
        endpoint.close();

        // Binding the same port ourselves proves it was released. Java NIO closes a selector-registered
        // socket only at the selector's next wake-up, so allow a short, bounded wait for that.
        assertTrue(canBindWithin(bound, Duration.ofSeconds(5)), "port " + bound.getPort() + " still in use");
    }

    private static boolean canBindWithin(InetSocketAddress address, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            try (ServerSocket rebound = new ServerSocket()) {
                rebound.setReuseAddress(true);
                rebound.bind(address);
                return true;
            } catch (IOException inUse) {
                Thread.sleep(20);
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    @Test
    void shouldBeDiscoverableThroughServiceLoader() {
        List<String> names = ServiceLoader.load(Transport.class).stream()
                .map(provider -> provider.get().name())
                .toList();
        assertEquals(List.of("tcp"), names);
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        byte[] header = new byte[8];
        new DataInputStream(in).readFully(header);
        int length = (header[4] & 0xFF) | (header[5] & 0xFF) << 8 | (header[6] & 0xFF) << 16 | (header[7] & 0xFF) << 24;
        byte[] frame = new byte[8 + length];
        System.arraycopy(header, 0, frame, 0, 8);
        new DataInputStream(in).readFully(frame, 8, length);
        return frame;
    }
}
