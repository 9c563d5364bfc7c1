package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * get_client (21): {@code client_id u32}. Id 0 is the handler's error 101.
 *
 * @param clientId the client (connection) id
 */
public record GetClient(long clientId) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated
     */
    public static GetClient decode(ByteBuf payload) {
        return new GetClient(WireReader.u32(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.u32(out, clientId);
    }
}
