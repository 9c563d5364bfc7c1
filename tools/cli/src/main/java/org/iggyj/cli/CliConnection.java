package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;
import org.iggyj.client.IggyClientException;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.response.StatsReader;

/**
 * The one connection of a command: a request and its reply at a time. Two kinds: {@link BlockingTcpConnection}
 * (plain TCP, a blocking socket and no threads, for the common case) and {@link PipelinedConnection} (the
 * lean client's Netty connection, for TLS, WebSocket and QUIC). Not thread-safe: the command's thread only.
 */
interface CliConnection extends AutoCloseable {

    /**
     * @param command the command code ({@link CommandCode})
     * @param payload writes the request payload (without the 8-byte header)
     * @return the reply payload (without the 8-byte header); empty for an empty reply
     * @throws IggyClientException the server's status when it is not 0; a local failure (connection
     *                             closed, timeout) as {@code tcp_error} / {@code connection_closed}
     */
    byte[] request(int command, Consumer<ByteBuf> payload);

    /** ping (1). */
    default void ping() {
        request(CommandCode.PING, out -> { });
    }

    /** @return the server's get_stats (10) record */
    default Stats stats() {
        return StatsReader.stats(Unpooled.wrappedBuffer(request(CommandCode.GET_STATS, out -> { })));
    }

    /**
     * login_user (38).
     *
     * @return the user id
     */
    default long login(String username, String password) {
        byte[] reply = request(CommandCode.LOGIN_USER, new LoginUser(username, password, "", "")::encode);
        return Unpooled.wrappedBuffer(reply).readUnsignedIntLE();
    }

    /** Closes the connection. Idempotent. */
    @Override
    void close();
}
