package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST transport's failure answers over raw HTTP (http-api.md §2.2, §3): 401 with an empty body
 * for a missing, forged, expired or revoked token; 403 and 4xx with the JSON error body for handler
 * errors; plain-text framework rejections (400 malformed JSON, 413 oversized body, 415 content type);
 * 404/405 for unknown routes and methods. Access tokens live one second here so expiry is observable.
 */
@Timeout(60)
class HttpErrorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 10_000;

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static RestCalls rest;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start(Map.of("IGGY_HTTP_JWT_ACCESS_TOKEN_EXPIRY", "1 s",
                "IGGY_HTTP_JWT_CLOCK_SKEW", "0 s", "IGGY_HTTP_MAX_REQUEST_SIZE", "10 KB"));
        rest = new RestCalls(server);
    }

    private static HttpResponse<String> send(String method, String path, String token, BodyPublisher body,
                                             String contentType) throws Exception {
        return rest.send(method, path, token, body, contentType, BodyHandlers.ofString());
    }

    private static HttpResponse<String> json(String method, String path, String token, String body) throws Exception {
        return rest.json(method, path, token, body);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return rest.get(path, token);
    }

    /** A fresh token: they expire after a second, so each check logs in again. */
    private static String login(String username, String password) throws Exception {
        return rest.login(username, password);
    }

    private static String root() throws Exception {
        return rest.rootLogin();
    }

    private static void assertUnauthenticated(HttpResponse<String> r) {
        assertEquals(401, r.statusCode());
        assertEquals("", r.body());
    }

    private static JsonNode assertJsonError(HttpResponse<String> r, int status, int id, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(id, body.path("id").asInt(), r.body());
        assertEquals(code, body.path("code").asText(), r.body());
        assertTrue(body.path("reason").isTextual() && !body.path("reason").asText().isEmpty(), r.body());
        assertTrue(body.has("field"), r.body());
        return body;
    }

    @Test
    void publicRoutesNeedNoToken() throws Exception {
        assertEquals("pong", get("/ping", null).body());
        assertEquals(200, get("/", null).statusCode());
    }

    @Test
    void missingOrForgedTokenIs401WithEmptyBody() throws Exception {
        assertUnauthenticated(get("/streams", null));
        HttpRequest basic = HttpRequest.newBuilder(rest.uri("/streams")).header("Authorization", "Basic aWdneTppZ2d5")
                .GET().build();
        assertUnauthenticated(rest.http().send(basic, BodyHandlers.ofString()));
        assertUnauthenticated(get("/streams", "not-a-jwt"));
        String token = root();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertUnauthenticated(get("/streams", forged));
        assertEquals(200, get("/streams", root()).statusCode());
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String token = root();
        assertEquals(200, get("/streams", token).statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = get("/streams", token).statusCode();
        }
        assertEquals(401, status, "token still accepted 10 s after its 1 s expiry");
        assertJsonError(json("POST", "/users/refresh-token", null, "{\"token\":\"" + token + "\"}"),
                401, 40, "unauthenticated");
    }

    @Test
    void revokedTokenAfterLogoutIs401() throws Exception {
        String token = root();
        HttpResponse<String> out = send("DELETE", "/users/logout", token, null, null);
        assertEquals(204, out.statusCode());
        assertUnauthenticated(get("/streams", token));
        assertJsonError(json("POST", "/users/refresh-token", null, "{\"token\":\"" + token + "\"}"),
                401, 78, "invalid_access_token");
    }

    @Test
    void refreshIssuesANewTokenAndRevokesTheOld() throws Exception {
        String token = root();
        HttpResponse<String> r = json("POST", "/users/refresh-token", null, "{\"token\":\"" + token + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        String fresh = JSON.readTree(r.body()).path("access_token").path("token").asText();
        assertEquals(200, get("/streams", fresh).statusCode());
        assertUnauthenticated(get("/streams", token));
    }

    @Test
    void wrongCredentialsAre400() throws Exception {
        assertJsonError(json("POST", "/users/login", null, "{\"username\":\"iggy\",\"password\":\"nope\"}"),
                400, 42, "invalid_credentials");
    }

    @Test
    void insufficientPermissionIs403WithJsonBody() throws Exception {
        HttpResponse<String> created = json("POST", "/users", root(),
                "{\"username\":\"limited\",\"password\":\"limited\",\"status\":\"active\",\"permissions\":null}");
        assertEquals(200, created.statusCode(), created.body());
        String limited = login("limited", "limited");
        JsonNode body = assertJsonError(json("POST", "/streams", limited, "{\"name\":\"nope\"}"),
                403, 41, "unauthorized");
        assertTrue(body.path("field").isNull());
        assertJsonError(get("/stats", login("limited", "limited")), 403, 41, "unauthorized");
    }

    @Test
    void handlerErrorsCarryTheIggyCodeAndField() throws Exception {
        String token = root();
        assertEquals(200, json("POST", "/streams", token, "{\"name\":\"dup\"}").statusCode());
        JsonNode dup = assertJsonError(json("POST", "/streams", token, "{\"name\":\"dup\"}"),
                400, 1012, "stream_name_already_exists");
        assertEquals("name", dup.path("field").asText());
        assertJsonError(json("POST", "/streams", token, "{\"name\":\"" + "n".repeat(300) + "\"}"),
                400, 1013, "invalid_stream_name");
        assertJsonError(json("POST", "/users/login", null, "{\"username\":\"" + "u".repeat(300)
                + "\",\"password\":\"x\"}"), 400, 42, "invalid_credentials");
        assertJsonError(get("/streams/4242", token), 404, 404, "not_found");
        JsonNode missing = assertJsonError(send("DELETE", "/streams/4242", token, null, null),
                404, 1009, "stream_id_not_found");
        assertEquals("stream_id", missing.path("field").asText());
    }

    @Test
    void malformedJsonIs400PlainText() throws Exception {
        HttpResponse<String> r = json("POST", "/streams", root(), "{\"name\": ");
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(!r.body().isEmpty());
        assertEquals(422, json("POST", "/streams", root(), "[1, 2]").statusCode());
        assertEquals(422, json("POST", "/streams", root(), "{\"title\":\"x\"}").statusCode());
    }

    @Test
    void missingContentTypeIs415() throws Exception {
        HttpResponse<String> r = send("POST", "/streams", root(), BodyPublishers.ofString("{\"name\":\"x\"}"), null);
        assertEquals(415, r.statusCode());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(MAX_BODY) + "\"}";
        HttpResponse<String> declared = json("POST", "/streams", root(), big);
        assertEquals(413, declared.statusCode());
        HttpResponse<String> chunked = send("POST", "/streams", root(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())), "application/json");
        assertEquals(413, chunked.statusCode());
        assertEquals(200, get("/ping", null).statusCode());
    }

    @Test
    void unknownRouteAndWrongMethod() throws Exception {
        HttpResponse<String> unknown = get("/no/such/route", root());
        assertEquals(404, unknown.statusCode());
        assertUnauthenticated(get("/no/such/route", null));
        HttpResponse<String> wrongMethod = send("PATCH", "/streams", root(), null, null);
        assertEquals(405, wrongMethod.statusCode());
    }
}
