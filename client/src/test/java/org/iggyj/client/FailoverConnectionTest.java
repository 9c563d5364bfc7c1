package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link FailoverConnection} against scripted fake nodes that break the connection while a send is in
 * flight, in each of the ways a real node can (its shutdown notice, a close), deterministically: the
 * send is always in doubt, the connection always moves on, and nothing surfaces as a server status.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverConnectionTest {

    private static final Identifier STREAM = Identifier.numeric(0);
    private static final Identifier TOPIC = Identifier.numeric(0);
    private static final FailoverConnection.Login LOGIN = FailoverConnection.Login.user("u", "p");
    private static final FailoverConnection.Options OPTIONS =
            FailoverConnection.Options.tcp().reconnectingFor(Duration.ofSeconds(5));

    @ParameterizedTest
    @EnumSource(value = ScriptedNode.OnSend.class, names = {"DISCONNECT_NOTICE", "DISCONNECT_NOTICE_AND_CLOSE",
        "CLOSE"})
    void shouldCountTheSendInDoubtAndMoveOnWhenTheConnectionBreaksWhileItIsInFlight(ScriptedNode.OnSend fault)
            throws Exception {
        try (ScriptedNode a = new ScriptedNode(fault); ScriptedNode b = new ScriptedNode(ScriptedNode.OnSend.ACK);
             FailoverConnection c = FailoverConnection.connect(ClientIo.shared(), List.of(a.address(), b.address()),
                     OPTIONS, LOGIN)) {
            List<String> moves = new ArrayList<>();
            c.onFailover((from, to, cause) -> moves.add(from + " -> " + to));
            ByteBuf batch = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0});
            try {
                InDoubtException e = assertThrows(InDoubtException.class,
                        () -> c.sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batch));
                assertEquals(ErrorCode.CONNECTION_CLOSED.code(), e.status(), e.getMessage());
                assertEquals(List.of(a.address() + " -> " + b.address()), moves);
                assertEquals(b.address(), c.node());

                c.sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batch);
                assertEquals(1, a.sends(), "the send in doubt is not resent");
                assertEquals(1, b.sends());
                assertEquals(1, c.failovers());
            } finally {
                batch.release();
            }
        }
    }

    @Test
    void shouldFailACallWithConnectionClosedAndResendPingsElsewhereWhenTheServerSendsItsDisconnectNotice()
            throws Exception {
        try (ScriptedNode a = new ScriptedNode(ScriptedNode.OnSend.DISCONNECT_NOTICE);
             ScriptedNode b = new ScriptedNode(ScriptedNode.OnSend.ACK);
             FailoverConnection c = FailoverConnection.connect(ClientIo.shared(), List.of(a.address(), b.address()),
                     OPTIONS, LOGIN)) {
            ByteBuf batch = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0});
            try {
                // straight on the connection: the notice in reply position is a broken connection, not a status
                IggyClientException e = assertThrows(IggyClientException.class,
                        () -> c.current().sendMessages(STREAM, TOPIC, Partitioning.partitionId(0), batch));
                assertEquals(ErrorCode.CONNECTION_CLOSED.code(), e.status(), e.getMessage());
                assertTrue(e.getMessage().contains("disconnected"), e.getMessage());
            } finally {
                batch.release();
            }
            c.ping();
            assertEquals(b.address(), c.node());
            assertEquals(1, c.failovers());
        }
    }
}
