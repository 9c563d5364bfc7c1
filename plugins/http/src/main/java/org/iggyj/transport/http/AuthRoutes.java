package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.util.Headers;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.request.LoginWithPersonalAccessToken;

/**
 * Login, PAT login, refresh and logout (http-api.md §2.4). Credentials are checked by the kernel's
 * login commands on a detached session; the plugin only issues and revokes tokens.
 */
final class AuthRoutes {

    private final TokenService tokens;

    AuthRoutes(TokenService tokens) {
        this.tokens = tokens;
    }

    Response login(Call call) {
        JsonNode body = call.json();
        LoginUser request = new LoginUser(Json.text(body, "username"), Json.text(body, "password"),
                orEmpty(Json.optText(body, "version")), orEmpty(Json.optText(body, "context")));
        long userId = call.dispatch(CommandCode.LOGIN_USER, request::encode, b -> b.readUnsignedIntLE());
        return identity(userId);
    }

    Response loginWithToken(Call call) {
        LoginWithPersonalAccessToken request = new LoginWithPersonalAccessToken(Json.text(call.json(), "token"));
        long userId = call.dispatch(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, request::encode,
                b -> b.readUnsignedIntLE());
        return identity(userId);
    }

    Response refresh(Call call) {
        String token = Json.text(call.json(), "token");
        if (token.isEmpty() || tokens.isRevoked(token)) {
            throw new IggyException(ErrorCode.forCode(78), "invalid access token");
        }
        long userId = tokens.verify(token);
        if (userId == TokenService.INVALID) {
            throw new IggyException(ErrorCode.UNAUTHENTICATED, "unauthenticated");
        }
        tokens.revoke(token);
        return identity(userId);
    }

    Response logout(Call call) {
        String auth = call.exchange().getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        tokens.revoke(auth.substring("Bearer ".length()));
        return Response.empty(204);
    }

    /** version and context are optional over HTTP but always present in the binary command. */
    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private Response identity(long userId) {
        TokenService.Issued issued = tokens.issue(userId);
        ObjectNode body = JsonViews.object();
        body.put("user_id", userId);
        ObjectNode token = body.putObject("access_token");
        token.put("token", issued.token());
        token.put("expiry", issued.expirySeconds());
        return Response.ok(body);
    }
}
