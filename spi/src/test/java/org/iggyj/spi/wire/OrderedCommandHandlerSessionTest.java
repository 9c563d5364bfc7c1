package org.iggyj.spi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.ConnectionCloser;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.iggyj.spi.SessionRefusedException;
import org.iggyj.spi.Sessions;
import org.iggyj.spi.test.FakeSession;
import org.junit.jupiter.api.Test;

/**
 * How the shared binary-protocol handler carries out the kernel's session decisions: a refused
 * session and a kernel-initiated close (login timeout) both become an unsolicited error frame and a
 * closed connection.
 */
class OrderedCommandHandlerSessionTest {

    @Test
    void shouldAnswerARefusedSessionWithItsErrorCodeAndClose() {
        Sessions refusing = new ScriptedSessions(true);
        EmbeddedChannel channel = new EmbeddedChannel(new OrderedCommandHandler(
                (s, code, payload) -> CompletableFuture.completedFuture(Reply.ok()), refusing, TransportKind.TCP));
        assertEquals(8, statusOf(channel.readOutbound()));
        assertFalse(channel.isOpen(), "closed after the error frame");
    }

    @Test
    void shouldSendTheKernelsErrorCodeAndCloseWhenTheKernelEndsTheConnection() {
        ScriptedSessions sessions = new ScriptedSessions(false);
        EmbeddedChannel channel = new EmbeddedChannel(new OrderedCommandHandler(
                (s, code, payload) -> CompletableFuture.completedFuture(Reply.ok()), sessions, TransportKind.TCP));
        assertNull(channel.readOutbound());
        sessions.closers.get(0).close(40, "no login within the login timeout");
        channel.runPendingTasks();
        assertEquals(40, statusOf(channel.readOutbound()));
        assertFalse(channel.isOpen());
        assertEquals(1, sessions.closed.size(), "the session is closed with the connection");
        sessions.closers.get(0).close(40, "again");
        channel.runPendingTasks();
        assertNull(channel.readOutbound(), "a second close does nothing");
    }

    private static int statusOf(Object written) {
        assertTrue(written instanceof ByteBuf, String.valueOf(written));
        ByteBuf frame = (ByteBuf) written;
        try {
            assertEquals(0, frame.getIntLE(4), "no payload");
            return frame.getIntLE(0);
        } finally {
            frame.release();
        }
    }

    /** Refuses every session, or opens them and keeps their closers. */
    private static final class ScriptedSessions implements Sessions {

        private final boolean refuse;
        private final List<ConnectionCloser> closers = new ArrayList<>();
        private final List<Session> closed = new ArrayList<>();

        ScriptedSessions(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public Session open(TransportKind kind, InetSocketAddress remote) {
            throw new AssertionError("transports must pass a closer");
        }

        @Override
        public Session open(TransportKind kind, InetSocketAddress remote, boolean fileRegions, ConnectionCloser closer) {
            if (refuse) {
                throw new SessionRefusedException(8, "too many connections that have not logged in");
            }
            closers.add(closer);
            return new FakeSession(1, remote, kind);
        }

        @Override
        public void close(Session session) {
            closed.add(session);
        }
    }
}
