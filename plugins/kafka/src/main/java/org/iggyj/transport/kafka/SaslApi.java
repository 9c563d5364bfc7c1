package org.iggyj.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.request.LoginWithPersonalAccessToken;

/**
 * SaslHandshake and SaslAuthenticate with the PLAIN mechanism (RFC 4616: {@code authzid NUL user NUL
 * password}), mapped onto Iggy's own login: the username and password of an Iggy user, or, when that
 * fails, the password taken as one of the user's personal access tokens. The kernel checks the
 * credentials, so the connection's session is then that user for every permission check. Stateless.
 */
final class SaslApi {

    static final String PLAIN = "PLAIN";

    CompletionStage<ApiMessage> handle(KafkaConnection c, AbstractRequest request) {
        if (request.data() instanceof SaslHandshakeRequestData handshake) {
            boolean plain = PLAIN.equals(handshake.mechanism());
            c.handshakeDone(plain);
            return CompletableFuture.completedFuture(new SaslHandshakeResponseData()
                    .setErrorCode((plain ? Errors.NONE : Errors.UNSUPPORTED_SASL_MECHANISM).code())
                    .setMechanisms(List.of(PLAIN)));
        }
        SaslAuthenticateRequestData authenticate = (SaslAuthenticateRequestData) request.data();
        if (!c.handshakeDone() || c.authenticated()) {
            return CompletableFuture.completedFuture(failed(Errors.ILLEGAL_SASL_STATE, "SaslHandshake must come first"));
        }
        String[] parts = new String(authenticate.authBytes(), StandardCharsets.UTF_8).split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return CompletableFuture.completedFuture(failed(Errors.SASL_AUTHENTICATION_FAILED,
                    "Authentication failed: malformed PLAIN credentials"));
        }
        return login(c, parts[1], parts[2]).thenApply(ok -> ok
                ? new SaslAuthenticateResponseData().setErrorCode(Errors.NONE.code()).setAuthBytes(new byte[0])
                : failed(Errors.SASL_AUTHENTICATION_FAILED, "Authentication failed: invalid username or password"));
    }

    /**
     * Logs the connection in as the configured anonymous user, verifying the configured credentials at
     * most once per {@link AnonymousLogin}'s window; a failure closes the connection.
     */
    CompletionStage<Boolean> loginAnonymous(KafkaConnection c) {
        KafkaConfig config = c.broker().config();
        return c.broker().anonymousLogin().login(
                () -> verify(c, config.anonymousUsername(), config.anonymousPassword()),
                userId -> reuse(c, userId)).thenApplyAsync(ok -> {
                    c.authenticated(ok);
                    if (!ok) {
                        throw new CloseConnection("anonymous_username cannot log in");
                    }
                    return true;
                }, c.iggy().loop());
    }

    /** @return the user id the login command answered for these credentials (password, else token), or -1 */
    private static CompletionStage<Long> verify(KafkaConnection c, String username, String password) {
        return c.iggy().identity(CommandCode.LOGIN_USER, out -> new LoginUser(username, password, "", "").encode(out))
                .thenCompose(id -> id >= 0 || password.isEmpty()
                        ? CompletableFuture.completedFuture(id)
                        : c.iggy().identity(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN,
                                out -> new LoginWithPersonalAccessToken(password).encode(out)));
    }

    private static boolean reuse(KafkaConnection c, long userId) {
        try {
            c.broker().sessions().loginVerified(c.iggy().session(), userId);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static CompletionStage<Boolean> login(KafkaConnection c, String username, String password) {
        return c.iggy().status(CommandCode.LOGIN_USER, out -> new LoginUser(username, password, "", "").encode(out))
                .thenCompose(status -> status == 0 || password.isEmpty()
                        ? CompletableFuture.completedFuture(status)
                        : c.iggy().status(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN,
                                out -> new LoginWithPersonalAccessToken(password).encode(out)))
                .thenApply(status -> {
                    c.authenticated(status == 0);
                    return status == 0;
                });
    }

    private static SaslAuthenticateResponseData failed(Errors error, String message) {
        return new SaslAuthenticateResponseData().setErrorCode(error.code()).setErrorMessage(message)
                .setAuthBytes(new byte[0]);
    }
}
