package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;
import org.iggyj.client.IggyConnection;

/**
 * A command's connection over the lean client's {@link IggyConnection} (Netty): the transports and TLS
 * that {@link BlockingTcpConnection} does not speak. Not thread-safe: the command's thread only.
 */
final class PipelinedConnection implements CliConnection {

    private final IggyConnection connection;

    PipelinedConnection(IggyConnection connection) {
        this.connection = connection;
    }

    @Override
    public byte[] request(int command, Consumer<ByteBuf> payload) {
        return connection.request(command, payload);
    }

    @Override
    public void close() {
        connection.close();
    }
}
