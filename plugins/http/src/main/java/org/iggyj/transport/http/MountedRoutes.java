package org.iggyj.transport.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iggyj.spi.HttpRequest;
import org.iggyj.spi.HttpResponse;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.ScrapeSource;
import org.iggyj.spi.TransportContext;

/**
 * The route sets other plugins contributed ({@link TransportContext#httpRoutes()}), mounted under
 * their prefixes in front of the REST API and without its token check; longest prefix wins. Scrape
 * sources ({@link TransportContext#scrapeSources()}, e.g. {@code /metrics}) are mounted the same way,
 * as one-path route sets, so the transport has one mechanism for everything plugins contribute.
 * Immutable after construction; thread-safe.
 */
final class MountedRoutes {

    private final List<HttpRoutes> byLongestPrefix;

    private MountedRoutes(List<HttpRoutes> byLongestPrefix) {
        this.byLongestPrefix = byLongestPrefix;
    }

    /**
     * @param context what the kernel handed the transport
     * @param api     the transport's own routes, which no contributed prefix may shadow
     * @return the mounted route sets
     * @throws IllegalStateException when a prefix's first segment is used by the REST API or a scrape source
     */
    static MountedRoutes of(TransportContext context, Router api) {
        Set<String> taken = api.firstSegments();
        List<HttpRoutes> routes = new ArrayList<>();
        for (ScrapeSource source : context.scrapeSources()) {
            routes.add(new ScrapeRoutes(source));
        }
        routes.addAll(context.httpRoutes());
        Set<String> prefixes = new java.util.HashSet<>();
        for (HttpRoutes r : routes) {
            String first = firstSegment(r.prefix());
            if (taken.contains(first)) {
                throw new IllegalStateException("contributed prefix " + r.prefix()
                        + " would shadow the http transport's own /" + first + " routes");
            }
            if (!prefixes.add(r.prefix())) {
                throw new IllegalStateException("two contributions claim the prefix " + r.prefix());
            }
        }
        routes.sort(Comparator.comparingInt((HttpRoutes r) -> r.prefix().length()).reversed());
        return new MountedRoutes(List.copyOf(routes));
    }

    /**
     * @param path the decoded request path
     * @return the route set whose prefix covers {@code path}, or null
     */
    HttpRoutes find(String path) {
        for (HttpRoutes r : byLongestPrefix) {
            String prefix = r.prefix();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return r;
            }
        }
        return null;
    }

    /** Runs the route set on this worker thread and writes its response. */
    static void answer(HttpServerExchange exchange, HttpRoutes routes) {
        HttpResponse response = routes.handle(new ExchangeRequest(exchange));
        exchange.setStatusCode(response.status());
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(h.getKey()), h.getValue());
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, response.contentType());
        }
        if (response.body().length == 0) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(response.body()));
        }
    }

    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    /** A scrape source as a route set: {@code GET} of exactly its path answers the current text. */
    private record ScrapeRoutes(ScrapeSource source) implements HttpRoutes {

        @Override
        public String prefix() {
            return source.path();
        }

        @Override
        public HttpResponse handle(HttpRequest request) {
            if (!request.path().equals(source.path())) {
                return HttpResponse.status(404);
            }
            if (!request.method().equals("GET")) {
                return new HttpResponse(405, null, null, Map.of("Allow", "GET"));
            }
            return new HttpResponse(200, source.contentType(),
                    source.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        }
    }

    /** The exchange seen through the SPI's read-only request view. */
    private record ExchangeRequest(HttpServerExchange exchange) implements HttpRequest {

        @Override
        public String method() {
            return exchange.getRequestMethod().toString();
        }

        @Override
        public String path() {
            return exchange.getRequestPath();
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }
    }
}
