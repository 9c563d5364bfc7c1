package org.iggyj.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.HttpResponse;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.test.FakeTransportContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Route sets contributed by other plugins, served by the real Undertow transport on a loopback port:
 * mounted under their prefix without the token check, unable to shadow the REST API.
 */
@Timeout(60)
class MountedRoutesTest {

    /** Echoes the path and a header, as a contributed route would see them. */
    private static HttpRoutes echo(String prefix) {
        return new HttpRoutes() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public HttpResponse handle(org.iggyj.spi.HttpRequest request) {
                return new HttpResponse(request.path().endsWith("/gone") ? 404 : 200, "text/plain; charset=utf-8",
                        (request.method() + " " + request.path() + " " + request.header("x-probe")).getBytes(),
                        Map.of("X-Contributed", "yes"));
            }
        };
    }

    private static java.net.http.HttpResponse<String> get(Endpoint endpoint, String path) throws Exception {
        InetSocketAddress address = (InetSocketAddress) endpoint.address();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .header("x-probe", "p1").timeout(Duration.ofSeconds(10)).GET().build();
        return HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
    }

    @Test
    void shouldServeAContributedPrefixWithoutATokenAndKeepTheApiProtected() throws Exception {
        try (FakeTransportContext context = new FakeTransportContext()) {
            context.set("address", "127.0.0.1:0").httpRoutes(List.of(echo("/ui"), echo("/ui/deep")));
            Endpoint endpoint = new HttpTransport().start(context);
            try {
                java.net.http.HttpResponse<String> page = get(endpoint, "/ui/js/app.js");
                assertEquals(200, page.statusCode());
                assertEquals("GET /ui/js/app.js p1", page.body());
                assertEquals("yes", page.headers().firstValue("X-Contributed").orElse(""));
                assertEquals("GET /ui p1", get(endpoint, "/ui").body());
                assertEquals(404, get(endpoint, "/ui/gone").statusCode());
                assertEquals("GET /ui/deep/x p1", get(endpoint, "/ui/deep/x").body(), "longest prefix wins");
                assertEquals(401, get(endpoint, "/uix").statusCode(), "a prefix matches whole segments only");
                assertEquals(401, get(endpoint, "/streams").statusCode());
            } finally {
                endpoint.close();
            }
        }
    }

    @Test
    void shouldServeScrapeSourcesAsOnePathRoutes() throws Exception {
        org.iggyj.spi.ScrapeSource scrape = new org.iggyj.spi.ScrapeSource() {
            @Override
            public String path() {
                return "/metrics";
            }

            @Override
            public String contentType() {
                return "text/plain; version=0.0.4";
            }

            @Override
            public String scrape() {
                return "iggy_streams 3\n";
            }
        };
        try (FakeTransportContext context = new FakeTransportContext()) {
            context.set("address", "127.0.0.1:0").scrapeSources(List.of(scrape));
            Endpoint endpoint = new HttpTransport().start(context);
            try {
                java.net.http.HttpResponse<String> metrics = get(endpoint, "/metrics");
                assertEquals(200, metrics.statusCode());
                assertEquals("iggy_streams 3\n", metrics.body());
                assertEquals("text/plain; version=0.0.4", metrics.headers().firstValue("Content-Type").orElse(""));
                assertEquals(404, get(endpoint, "/metrics/more").statusCode());
            } finally {
                endpoint.close();
            }
        }
    }

    @Test
    void shouldRefuseToStartWhenAPrefixWouldShadowTheRestApi() {
        try (FakeTransportContext context = new FakeTransportContext()) {
            context.set("address", "127.0.0.1:0").httpRoutes(List.of(echo("/streams/ui")));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new HttpTransport().start(context));
            assertTrue(e.getMessage().contains("/streams"), e.getMessage());
        }
    }
}
