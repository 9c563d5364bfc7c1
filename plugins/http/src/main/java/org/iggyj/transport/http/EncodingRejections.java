package org.iggyj.transport.http;

import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;

/**
 * The Iggy error a request gets when its JSON cannot even be encoded as the binary command: a name,
 * username or password longer than the 255 bytes its u8 length prefix holds. The kernel never sees
 * such a request, so the error it would have answered for a too-long value is chosen here per command.
 * Stateless.
 */
final class EncodingRejections {

    private static final Map<Integer, ErrorCode> BY_COMMAND = Map.ofEntries(
            Map.entry(CommandCode.CREATE_STREAM, ErrorCode.INVALID_STREAM_NAME),
            Map.entry(CommandCode.UPDATE_STREAM, ErrorCode.INVALID_STREAM_NAME),
            Map.entry(CommandCode.CREATE_TOPIC, ErrorCode.INVALID_TOPIC_NAME),
            Map.entry(CommandCode.UPDATE_TOPIC, ErrorCode.INVALID_TOPIC_NAME),
            Map.entry(CommandCode.CREATE_CONSUMER_GROUP, ErrorCode.INVALID_CONSUMER_GROUP_NAME),
            Map.entry(CommandCode.CREATE_USER, ErrorCode.INVALID_USERNAME),
            Map.entry(CommandCode.UPDATE_USER, ErrorCode.INVALID_USERNAME),
            Map.entry(CommandCode.CHANGE_PASSWORD, ErrorCode.INVALID_PASSWORD),
            Map.entry(CommandCode.LOGIN_USER, ErrorCode.INVALID_CREDENTIALS),
            Map.entry(CommandCode.CREATE_PERSONAL_ACCESS_TOKEN, ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN_NAME));

    private EncodingRejections() {
    }

    /**
     * @param command the command code whose request could not be encoded
     * @return the error to answer; {@code invalid_command} for commands without a specific one
     */
    static ErrorCode forCommand(int command) {
        return BY_COMMAND.getOrDefault(command, ErrorCode.INVALID_COMMAND);
    }
}
