package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * login_with_personal_access_token (44): {@code token Name}.
 *
 * @param token the raw token; never log it
 */
public record LoginWithPersonalAccessToken(String token) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 4 for an empty token, else 3
     */
    public static LoginWithPersonalAccessToken decode(ByteBuf payload) {
        return new LoginWithPersonalAccessToken(WireReader.name(payload));
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.name(out, token);
    }

    @Override
    public String toString() {
        return "LoginWithPersonalAccessToken[token=***]";
    }
}
