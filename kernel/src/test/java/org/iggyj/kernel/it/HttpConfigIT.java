package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iggyj.kernel.IggyServer;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.config.ConfigException;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.spi.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [http]} belongs to the http plugin (its ConfigSchema, arrays of tables included): a server with
 * the plugin checks the section against the declaration, one error listing every bad key; a server
 * without the plugin warns about the section and starts; {@code IGGY_HTTP_*} variables still apply.
 */
@Timeout(120)
class HttpConfigIT {

    @TempDir
    Path dir;

    private Path writeConfig(String toml) throws IOException {
        Path file = dir.resolve("server.toml");
        Files.writeString(file, toml);
        return file;
    }

    @Test
    void shouldRefuseToStartListingEveryBadKeyOfTheHttpSection() throws IOException {
        Path config = writeConfig("[http]\nbogus = 1\n[http.jwt]\nclock_skew = \"soon\"\n"
                + "[[http.jwt.trusted_issuers]]\nissuer = \"a\"\n"
                + "[[http.jwt.trusted_issuers]]\nissuer = \"b\"\nuser_id = \"seven\"\ncolour = \"red\"\n");

        ConfigException error = assertThrows(ConfigException.class,
                () -> TestServer.start(dir.resolve("data"), Map.of("IGGY_CONFIG_PATH", config.toString())));

        String message = error.getMessage();
        assertTrue(message.contains("http.bogus: unknown key"), message);
        assertTrue(message.contains("http.jwt.clock_skew"), message);
        assertTrue(message.contains("http.jwt.trusted_issuers[1].user_id: expected an integer"), message);
        assertTrue(message.contains("http.jwt.trusted_issuers[1].colour: unknown key"), message);
    }

    @Test
    void shouldApplyHttpVariablesIncludingElementsOfTheTrustedIssuers() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(
                "IGGY_HTTP_JWT_TRUSTED_ISSUERS_0_USER_ID", "5",
                "IGGY_HTTP_JWT_TRUSTED_ISSUERS_1_ISSUER", "second-issuer",
                "IGGY_HTTP_CORS_ALLOWED_ORIGINS", "[https://a.example]"))) {
            HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + "/ping"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://a.example").header("Access-Control-Request-Method", "GET").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("https://a.example", preflight.headers().firstValue("access-control-allow-origin").orElse(null),
                    "the plugin reads the overridden CORS origins");

            String effective = Files.readString(currentConfig(dir));
            assertTrue(effective.contains("[[http.jwt.trusted_issuers]]\nissuer = \"test-issuer\""), effective);
            assertTrue(effective.contains("user_id = 5"), effective);
            assertTrue(effective.contains("issuer = \"second-issuer\""), effective);
        }
    }

    @Test
    void shouldWarnAboutTheHttpSectionAndStartWhenThePluginIsAbsent() throws IOException {
        Path config = writeConfig("[http]\nbogus = 1\naddress = \"127.0.0.1:1\"\n");
        Map<String, String> env = new HashMap<>();
        env.put("IGGY_CONFIG_PATH", config.toString());
        env.put("IGGY_SYSTEM_PATH", dir.resolve("data").toString());
        env.put("IGGY_TCP_ADDRESS", "127.0.0.1:0");
        env.put("IGGY_SYSTEM_SHARDING_CPU_ALLOCATION", "2");
        List<Transport> withoutHttp = PluginHost.fromClasspath().transports().stream()
                .filter(transport -> transport.name().equals("tcp")).toList();

        try (LogCapture log = LogCapture.of(ConfigLoader.class)) {
            ServerConfig loaded = ConfigLoader.loadBeforePlugins(env, dir);
            try (IggyServer server = IggyServer.start(loaded, new RootCredentials("iggy", "iggy", false), withoutHttp)) {
                assertTrue(server.address("tcp").getPort() > 0);
                assertNull(server.address("http"));
            }
            assertTrue(log.warned("[http] is a section of no started plugin"), log.lines());
        }
    }

    private static Path currentConfig(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(file -> file.getFileName().toString().equals("current_config.toml")).findFirst()
                    .orElseThrow();
        }
    }
}
