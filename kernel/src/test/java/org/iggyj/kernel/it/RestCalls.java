package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * Calls on a {@link TestServer}'s REST API with the JDK's HTTP client, for the tests that check what the
 * official SDK's HTTP client hides: status codes, headers, error bodies and routes it does not know.
 */
final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestServer server;

    RestCalls(TestServer server) {
        this.server = server;
    }

    /** @return the client the calls go through, for requests the helpers here do not build */
    HttpClient http() {
        return http;
    }

    /** @return {@code path} on the server's HTTP port (looked up per call: a restart binds a new one) */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
    }

    /**
     * @param token       a bearer token, or null for none
     * @param body        the request body, or null for none
     * @param contentType the body's type, or null for no header
     */
    <T> HttpResponse<T> send(String method, String path, String token, BodyPublisher body, String contentType,
                             BodyHandler<T> answer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), answer);
    }

    /** @return the answer to {@code json} (or no body when null) sent as application/json */
    HttpResponse<String> json(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        return json == null ? send(method, path, token, null, null, BodyHandlers.ofString())
                : send(method, path, token, BodyPublishers.ofString(json), "application/json", BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return json("GET", path, token, null);
    }

    /** @return the access token of a login that must succeed */
    String login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = json("POST", "/users/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("access_token").path("token").asText();
    }

    /** @return a root access token */
    String rootLogin() throws IOException, InterruptedException {
        return login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
    }
}
