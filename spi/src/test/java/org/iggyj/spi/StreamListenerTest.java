package org.iggyj.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.iggyj.spi.test.FakeTransportContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StreamListener} on real loopback sockets: it binds port 0 and reports the port, applies the
 * defaults to accepted connections, and on close runs the transport's steps in the order given, once,
 * and releases the port.
 */
@Timeout(30)
class StreamListenerTest {

    private static final InetSocketAddress ANY_PORT = BindAddress.parse("test", "127.0.0.1:0", false);

    @Test
    void shouldAcceptOnTheReportedPortWithNoDelayAndCloseInContractOrderOnce() throws Exception {
        try (FakeTransportContext context = new FakeTransportContext()) {
            ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            CountDownLatch accepted = new CountDownLatch(1);
            List<String> steps = new CopyOnWriteArrayList<>();
            AtomicReference<InetSocketAddress> bound = new AtomicReference<>();
            StreamListener listener = StreamListener.builder("test", context, ANY_PORT)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            open.add(ch);
                            accepted.countDown();
                        }
                    })
                    .onClose(timeout -> {
                        steps.add("connections");
                        open.close().awaitUninterruptibly(timeout.toMillis());
                    })
                    .onClose(timeout -> steps.add("then the rest"))
                    .bind();
            bound.set((InetSocketAddress) listener.address());
            assertTrue(bound.get().getPort() > 0, "an ephemeral port was bound: " + bound);
            try (Socket client = new Socket(bound.get().getAddress(), bound.get().getPort())) {
                assertTrue(accepted.await(10, TimeUnit.SECONDS));
                Channel child = open.iterator().next();
                assertTrue(child.config().getOption(ChannelOption.TCP_NODELAY));
                assertEquals(context.allocator(), child.config().getAllocator());

                listener.close();
                listener.close();

                assertEquals(List.of("connections", "then the rest"), steps);
                assertFalse(child.isOpen());
                assertEquals(-1, client.getInputStream().read(), "the connection was closed");
            }
            // NIO closes a registered listening socket at the event loop's next select: allow it that
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (canConnect(bound.get()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(canConnect(bound.get()), "the port is released");
        }
    }

    @Test
    void shouldRefuseToBindWithoutAChildHandler() {
        try (FakeTransportContext context = new FakeTransportContext()) {
            assertThrows(IllegalStateException.class, () -> StreamListener.builder("test", context, ANY_PORT).bind());
        }
    }

    private static boolean canConnect(InetSocketAddress address) {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
