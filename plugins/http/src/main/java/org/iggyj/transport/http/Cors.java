package org.iggyj.transport.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Locale;
import org.iggyj.spi.KernelConfig;

/**
 * CORS per {@code [http.cors]} (http-api.md §8): preflights are answered before authentication, other
 * responses get {@code Access-Control-Allow-Origin} and {@code Vary}. Immutable.
 */
record Cors(boolean enabled, List<String> origins, String methods, String headers, String exposed,
            boolean credentials, boolean privateNetwork) {

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
    private static final HttpString ALLOW_PRIVATE = new HttpString("Access-Control-Allow-Private-Network");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

    static Cors fromConfig(KernelConfig cors) {
        List<String> origins = cors.has("allowed_origins") ? cors.strings("allowed_origins") : List.of("*");
        List<String> methods = cors.has("allowed_methods") ? cors.strings("allowed_methods")
                : List.of("GET", "POST", "PUT", "DELETE");
        List<String> headers = cors.has("allowed_headers") ? cors.strings("allowed_headers")
                : List.of("content-type", "authorization");
        List<String> exposed = cors.has("exposed_headers") ? cors.strings("exposed_headers") : List.of();
        return new Cors(cors.bool("enabled", true), origins.stream().filter(s -> !s.isBlank()).toList(),
                String.join(",", methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList()),
                String.join(",", headers), String.join(",", exposed.stream().filter(s -> !s.isBlank()).toList()),
                cors.bool("allow_credentials", false), cors.bool("allow_private_network", false));
    }

    /** @return whether the exchange was a preflight and has been answered */
    boolean answerPreflight(HttpServerExchange exchange) {
        if (!enabled || !exchange.getRequestMethod().equalToString("OPTIONS")
                || !exchange.getRequestHeaders().contains(REQUEST_METHOD)) {
            return false;
        }
        decorate(exchange);
        HeaderMap out = exchange.getResponseHeaders();
        out.put(ALLOW_METHODS, methods);
        out.put(ALLOW_HEADERS, headers);
        if (privateNetwork) {
            out.put(ALLOW_PRIVATE, "true");
        }
        exchange.setStatusCode(200);
        exchange.endExchange();
        return true;
    }

    /** Adds the headers every cross-origin response carries. */
    void decorate(HttpServerExchange exchange) {
        if (!enabled) {
            return;
        }
        HeaderMap out = exchange.getResponseHeaders();
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (!origins.isEmpty() && origins.get(0).equals("*")) {
            out.put(ALLOW_ORIGIN, "*");
        } else if (origin != null && origins.contains(origin)) {
            out.put(ALLOW_ORIGIN, origin);
        }
        out.add(Headers.VARY, "origin");
        if (!exposed.isEmpty()) {
            out.put(EXPOSE_HEADERS, exposed);
        }
        if (credentials) {
            out.put(ALLOW_CREDENTIALS, "true");
        }
    }
}
