package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ChangePassword;
import org.iggyj.protocol.request.CreatePersonalAccessToken;
import org.iggyj.protocol.request.CreateUser;
import org.iggyj.protocol.request.PatName;
import org.iggyj.protocol.request.UpdatePermissions;
import org.iggyj.protocol.request.UpdateUser;
import org.iggyj.protocol.request.UserRef;
import org.iggyj.protocol.response.UserReader;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;
import org.iggyj.protocol.wire.WireReader;

/**
 * Users, permissions, passwords and personal access tokens (http-api.md §6.6–§6.7). Stateless.
 */
final class UserRoutes {

    private static final String U = "/users/{}";

    private UserRoutes() {
    }

    static void register(Router r) {
        r.get("/users", c -> Response.ok(JsonViews.list(c.dispatch(CommandCode.GET_USERS, b -> { },
                        UserReader::users).stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList(),
                        JsonViews::user)))
                .post("/users", UserRoutes::create)
                .get(U, UserRoutes::get)
                .put(U, c -> {
                    JsonNode body = c.json();
                    String username = Json.optText(body, "username");
                    String status = Json.optText(body, "status");
                    return StreamRoutes.empty(c, CommandCode.UPDATE_USER, new UpdateUser(c.id(0), username,
                            status == null ? 0 : status(status))::encode);
                })
                .delete(U, c -> StreamRoutes.empty(c, CommandCode.DELETE_USER, new UserRef(c.id(0))::encode))
                .put(U + "/permissions", c -> StreamRoutes.empty(c, CommandCode.UPDATE_PERMISSIONS,
                        new UpdatePermissions(c.id(0), permissions(c.json().get("permissions")))::encode))
                .put(U + "/password", c -> {
                    JsonNode body = c.json();
                    return StreamRoutes.empty(c, CommandCode.CHANGE_PASSWORD, new ChangePassword(c.id(0),
                            Json.text(body, "current_password"), Json.text(body, "new_password"))::encode);
                })
                .get("/personal-access-tokens", c -> Response.ok(JsonViews.list(c.dispatch(
                        CommandCode.GET_PERSONAL_ACCESS_TOKENS, b -> { }, UserReader::tokens).stream()
                        .sorted((a, b) -> a.name().compareTo(b.name())).toList(), t -> {
                            ObjectNode n = JsonViews.object();
                            n.put("name", t.name());
                            if (t.expiryAtUs() == 0) {
                                n.putNull("expiry_at");
                            } else {
                                n.put("expiry_at", t.expiryAtUs());
                            }
                            return n;
                        })))
                .post("/personal-access-tokens", c -> {
                    JsonNode body = c.json();
                    long expiry = Json.u64(body, "expiry");
                    String token = c.dispatch(CommandCode.CREATE_PERSONAL_ACCESS_TOKEN, new CreatePersonalAccessToken(
                            Json.text(body, "name"), expiry == -1 ? 0 : expiry)::encode, WireReader::name);
                    ObjectNode n = JsonViews.object();
                    n.put("token", token);
                    return Response.ok(n);
                })
                .delete("/personal-access-tokens/{}", c -> StreamRoutes.empty(c,
                        CommandCode.DELETE_PERSONAL_ACCESS_TOKEN, new PatName(c.param(0))::encode));
    }

    private static Response get(Call c) {
        try {
            return c.dispatch(CommandCode.GET_USER, new UserRef(c.id(0))::encode,
                    b -> b.isReadable() ? Response.ok(JsonViews.userDetails(UserReader.details(b))) : ErrorBody.notFound());
        } catch (IggyException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_NOT_FOUND) {
                return ErrorBody.notFound();
            }
            throw e;
        }
    }

    private static Response create(Call c) {
        JsonNode body = c.json();
        CreateUser request = new CreateUser(Json.text(body, "username"), Json.text(body, "password"),
                status(Json.text(body, "status")), permissions(body.get("permissions")));
        return Response.ok(JsonViews.userDetails(c.dispatch(CommandCode.CREATE_USER, request::encode,
                UserReader::details)));
    }

    private static int status(String text) {
        return switch (text) {
            case "active" -> 1;
            case "inactive" -> 2;
            default -> throw Json.shape("status");
        };
    }

    static Permissions permissions(JsonNode p) {
        if (p == null || p.isNull()) {
            return null;
        }
        JsonNode g = Json.required(p, "global");
        TreeMap<Long, StreamPermissions> streams = new TreeMap<>();
        JsonNode s = p.get("streams");
        if (s != null && !s.isNull()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode sp = e.getValue();
                TreeMap<Long, TopicPermissions> topics = new TreeMap<>();
                JsonNode t = sp.get("topics");
                if (t != null && !t.isNull()) {
                    for (Iterator<Map.Entry<String, JsonNode>> ti = t.fields(); ti.hasNext(); ) {
                        Map.Entry<String, JsonNode> te = ti.next();
                        JsonNode tp = te.getValue();
                        topics.put(Identifiers.u32(te.getKey(), "topic id"), new TopicPermissions(
                                Json.bool(tp, "manage_topic"), Json.bool(tp, "read_topic"),
                                Json.bool(tp, "poll_messages"), Json.bool(tp, "send_messages")));
                    }
                }
                streams.put(Identifiers.u32(e.getKey(), "stream id"), new StreamPermissions(
                        Json.bool(sp, "manage_stream"), Json.bool(sp, "read_stream"), Json.bool(sp, "manage_topics"),
                        Json.bool(sp, "read_topics"), Json.bool(sp, "poll_messages"), Json.bool(sp, "send_messages"),
                        topics));
            }
        }
        return new Permissions(Json.bool(g, "manage_servers"), Json.bool(g, "read_servers"),
                Json.bool(g, "manage_users"), Json.bool(g, "read_users"), Json.bool(g, "manage_streams"),
                Json.bool(g, "read_streams"), Json.bool(g, "manage_topics"), Json.bool(g, "read_topics"),
                Json.bool(g, "poll_messages"), Json.bool(g, "send_messages"), streams);
    }
}
