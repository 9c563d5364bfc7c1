package org.iggyj.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;
import org.iggyj.spi.TransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Undertow handler, layered as Iggy 0.8 is (http-api.md §1): request counter → CORS → JWT
 * check (401 with an empty body) → body limit (413) → route. Runs routes on a worker thread; every
 * failure becomes a status and body, never an escaping exception. Thread-safe.
 */
final class RestHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);
    private static final String BEARER = "Bearer ";
    private static final Set<String> PUBLIC = Set.of("/", "/ping", "/metrics", "/users/login",
            "/users/refresh-token", "/personal-access-tokens/login", "/ui");
    private static final String JSON_TYPE = "application/json";

    private final TransportContext context;
    private final TokenService tokens;
    private final Cors cors;
    private final long maxBodyBytes;
    private final MetricsRoute metrics;
    private final Router router;
    private final MountedRoutes mounted;

    RestHandler(TransportContext context, TokenService tokens, Cors cors, long maxBodyBytes, MetricsRoute metrics) {
        this.context = context;
        this.tokens = tokens;
        this.cors = cors;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.router = Routes.build(tokens);
        this.mounted = MountedRoutes.of(context, router);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        metrics.requests().increment();
        org.iggyj.spi.HttpRoutes contributed = mounted.find(exchange.getRequestPath());
        if (contributed != null) {
            answerContributed(exchange, contributed);
            return;
        }
        if (cors.answerPreflight(exchange)) {
            return;
        }
        cors.decorate(exchange);
        try {
            send(exchange, serve(exchange));
        } catch (HttpProblem p) {
            send(exchange, new Response(p.status(), null, p.getMessage(), "text/plain; charset=utf-8"));
        } catch (IggyException e) {
            send(exchange, ErrorBody.of(e.errorCode()));
        } catch (Exception e) {
            LOG.error("http request {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            send(exchange, new Response(500, null, "Internal server error", "text/plain; charset=utf-8"));
        }
    }

    private static void answerContributed(HttpServerExchange exchange, org.iggyj.spi.HttpRoutes routes) {
        try {
            MountedRoutes.answer(exchange, routes);
        } catch (RuntimeException e) {
            LOG.error("contributed route {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            send(exchange, new Response(500, null, "Internal server error", "text/plain; charset=utf-8"));
        }
    }

    private Response serve(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        String method = exchange.getRequestMethod().toString();
        long userId = -1;
        if (!PUBLIC.contains(path)) {
            String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            userId = auth == null || !auth.startsWith(BEARER) ? TokenService.INVALID
                    : tokens.verify(auth.substring(BEARER.length()));
            if (userId == TokenService.INVALID) {
                return Response.empty(401);
            }
        }
        Router.Match match = router.match(method, rawPath(exchange));
        if (match.route() == null) {
            return Response.empty(match.pathKnown() ? 405 : 404);
        }
        byte[] body = match.route().hasBody() ? readBody(exchange) : null;
        InetSocketAddress remote = exchange.getSourceAddress();
        Session session = userId < 0 ? context.sessions().openDetached(TransportKind.HTTP, remote)
                : context.sessions().openAuthenticated(TransportKind.HTTP, remote, userId);
        try {
            return match.route().action().run(new Call(context, exchange, match.params(), body, session));
        } finally {
            context.sessions().close(session);
        }
    }

    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private byte[] readBody(HttpServerExchange exchange) throws IOException {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBodyBytes) {
            throw new HttpProblem(413, "length limit exceeded");
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        exchange.startBlocking();
        try (InputStream in = exchange.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw new HttpProblem(413, "length limit exceeded");
            }
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(JSON_TYPE)) {
                throw new HttpProblem(415, "Expected request with `Content-Type: application/json`");
            }
            return body;
        }
    }

    private static void send(HttpServerExchange exchange, Response response) {
        exchange.setStatusCode(response.status());
        if (response.json() != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON_TYPE);
            exchange.getResponseSender().send(response.json().toString(), StandardCharsets.UTF_8);
        } else if (response.text() != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, response.contentType());
            exchange.getResponseSender().send(response.text(), StandardCharsets.UTF_8);
        } else if (response.binary() != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, response.contentType());
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + response.filename() + "\"");
            exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(response.binary()));
        } else {
            exchange.endExchange();
        }
    }
}
