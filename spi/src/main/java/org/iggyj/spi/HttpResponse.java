package org.iggyj.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What contributed {@link HttpRoutes} answer. Immutable by convention: the transport writes
 * {@code body} as it is, without copying, so a route may hand out the same cached array to many
 * requests.
 *
 * @param status      the HTTP status code
 * @param contentType the {@code Content-Type}, or null for a response without a body
 * @param body        the bytes to send, possibly empty, never null
 * @param headers     further response headers (e.g. {@code ETag}, {@code Content-Encoding})
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final byte[] EMPTY = new byte[0];

    /**
     * Copies the header map.
     */
    public HttpResponse {
        body = body == null ? EMPTY : body;
        headers = Map.copyOf(headers);
    }

    /**
     * @param status a status without a body, e.g. 304 or 404
     * @return the response
     */
    public static HttpResponse status(int status) {
        return new HttpResponse(status, null, EMPTY, Map.of());
    }

    /**
     * @param contentType the content type
     * @param text        the body, sent as UTF-8
     * @return a {@code 200} response
     */
    public static HttpResponse text(String contentType, String text) {
        return new HttpResponse(200, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
