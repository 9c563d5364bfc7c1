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

    /**
     * Large payloads cross many socket reads and the decoder's reserved payload buffer:
     * pipelined frames of many sizes, and one trickled in small pieces, come back intact and in order.
     */
    @Test
    void shouldReceiveLargePipelinedPayloadsIntactOnARealSocket() throws Exception {
        Endpoint endpoint = new TcpTransport().start(context);
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        int[] sizes = {1_048_576 + 13, 3, 700_001, 0, 65_536, 2_000_000, 4_095, 4_097};
        byte[][] payloads = new byte[sizes.length][];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < sizes.length; i++) {
            payloads[i] = new byte[sizes[i]];
            random.nextBytes(payloads[i]);
        }
        byte[] trickled = new byte[300_000];
        random.nextBytes(trickled);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    for (byte[] payload : payloads) {
                        out.write(request(101, payload));
                    }
                    byte[] frame = request(101, trickled);
                    for (int at = 0; at < frame.length; at += 50_000) {
                        out.write(frame, at, Math.min(50_000, frame.length - at));
                        out.flush();
                        Thread.sleep(5);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            for (byte[] payload : payloads) {
                assertArrayEquals(reply(0, payload), readFrame(socket.getInputStream()));
            }
            assertArrayEquals(reply(0, trickled), readFrame(socket.getInputStream()));
            writer.join();
        } finally {
            endpoint.close();
        }
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
