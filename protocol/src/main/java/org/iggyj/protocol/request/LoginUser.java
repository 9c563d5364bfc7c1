package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * login_user (38): {@code username Name, password Str8, version Str32, context Str32}. Both Str32 fields
 * are mandatory on the wire (length 0 when unused). Length limits are the handler's job
 * ({@link org.iggyj.protocol.Limits}).
 *
 * @param username the user
 * @param password the password in clear text; never log it
 * @param version  client version text, may be empty
 * @param context  free client text, may be empty
 */
public record LoginUser(String username, String password, String version, String context) {

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated or not UTF-8, 4 for an empty username
     */
    public static LoginUser decode(ByteBuf payload) {
        String username = WireReader.name(payload);
        String password = WireReader.str8(payload);
        String version = WireReader.str32(payload);
        String context = WireReader.str32(payload);
        return new LoginUser(username, password, version, context);
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        WireWriter.name(out, username);
        WireWriter.name(out, password);
        WireWriter.str32(out, version);
        WireWriter.str32(out, context);
    }

    @Override
    public String toString() {
        return "LoginUser[username=" + username + ", version=" + version + "]";
    }
}
