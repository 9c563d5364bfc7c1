package org.iggyj.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.iggyj.spi.HttpRequest;
import org.iggyj.spi.HttpResponse;
import org.iggyj.spi.HttpRouteContext;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.test.MapKernelConfig;
import org.junit.jupiter.api.Test;

/**
 * The console's routes as the HTTP transport calls them, over the real files of
 * {@code src/main/resources/console} (read from the class directory).
 */
class ConsoleRoutesTest {

    private final HttpRoutes routes = start(new MapKernelConfig());

    private static HttpRoutes start(KernelConfig config) {
        try {
            return new ConsoleRouteProvider().start(new HttpRouteContext() {
                @Override
                public KernelConfig config() {
                    return config;
                }

                @Override
                public Set<String> transportNames() {
                    return Set.of("http");
                }
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpRequest get(String path, String... headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return request("GET", path, map);
    }

    private static HttpRequest request(String method, String path, Map<String, String> headers) {
        return new HttpRequest() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String name) {
                return headers.get(name);
            }
        };
    }

    @Test
    void shouldRedirectThePrefixToItsDirectorySoRelativeLinksResolve() {
        HttpResponse r = routes.handle(get("/ui"));
        assertEquals(302, r.status());
        assertEquals("/ui/", r.headers().get("Location"));
    }

    @Test
    void shouldServeTheIndexWithASameOriginContentSecurityPolicy() throws IOException {
        HttpResponse r = routes.handle(get("/ui/"));
        assertEquals(200, r.status());
        assertEquals("text/html; charset=utf-8", r.contentType());
        assertArrayEquals(Files.readAllBytes(Path.of("src/main/resources/console/index.html")), r.body());
        assertTrue(r.headers().get("Content-Security-Policy").contains("default-src 'self'"));
        assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
    }

    @Test
    void shouldServeEveryModuleAsJavaScript() {
        HttpResponse r = routes.handle(get("/ui/js/pages/messages.js"));
        assertEquals(200, r.status());
        assertEquals("text/javascript; charset=utf-8", r.contentType());
    }

    @Test
    void shouldSendTheGzipCopyOnlyWhenTheBrowserAcceptsIt() throws IOException {
        HttpResponse plain = routes.handle(get("/ui/app.css"));
        HttpResponse gzip = routes.handle(get("/ui/app.css", "Accept-Encoding", "gzip, deflate, br"));
        assertNull(plain.headers().get("Content-Encoding"));
        assertEquals("gzip", gzip.headers().get("Content-Encoding"));
        assertTrue(gzip.body().length < plain.body().length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
    }

    @Test
    void shouldAnswerNotModifiedForAMatchingEntityTag() {
        String etag = routes.handle(get("/ui/js/main.js")).headers().get("ETag");
        HttpResponse r = routes.handle(get("/ui/js/main.js", "If-None-Match", etag));
        assertEquals(304, r.status());
        assertEquals(0, r.body().length);
        assertEquals(200, routes.handle(get("/ui/js/main.js", "If-None-Match", "\"other\"")).status());
    }

    @Test
    void shouldServeNothingOutsideItsFileTable() {
        assertEquals(404, routes.handle(get("/ui/missing.js")).status());
        assertEquals(404, routes.handle(get("/ui/../pom.xml")).status());
        assertEquals(404, routes.handle(get("/ui/js/../../plugin.properties")).status());
        assertEquals(404, routes.handle(get("/ui/org/iggyj/console/ConsolePlugin.class")).status());
    }

    @Test
    void shouldRefuseMethodsOtherThanGetAndHead() {
        HttpResponse r = routes.handle(request("POST", "/ui/", Map.of()));
        assertEquals(405, r.status());
        assertEquals("GET, HEAD", r.headers().get("Allow"));
        assertEquals(200, routes.handle(request("HEAD", "/ui/", Map.of())).status());
    }

    @Test
    void shouldServeUnderTheConfiguredPath() {
        MapKernelConfig config = new MapKernelConfig();
        config.put("path", "/console");
        HttpRoutes moved = start(config);
        assertEquals("/console", moved.prefix());
        assertEquals(200, moved.handle(get("/console/")).status());
        String index = new String(moved.handle(get("/console/")).body(), StandardCharsets.UTF_8);
        assertTrue(index.contains("src=\"js/main.js\""), "links are relative, so any path works");
    }

    @Test
    void shouldRejectAPathEndingWithASlash() {
        MapKernelConfig config = new MapKernelConfig();
        config.put("path", "/ui/");
        assertThrows(IllegalArgumentException.class, () -> start(config));
    }
}
