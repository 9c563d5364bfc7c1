package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a route answers: a status and a JSON body, a text body, a binary attachment, or nothing.
 *
 * @param status      HTTP status
 * @param json        JSON body, or null
 * @param text        plain-text body, or null
 * @param contentType content type of {@code text} or {@code binary}
 * @param binary      binary body, or null
 * @param filename    attachment file name of {@code binary}, or null
 */
record Response(int status, JsonNode json, String text, String contentType, byte[] binary, String filename) {

    Response(int status, JsonNode json, String text, String contentType) {
        this(status, json, text, contentType, null, null);
    }

    static Response json(int status, JsonNode body) {
        return new Response(status, body, null, null);
    }

    static Response attachment(byte[] body, String contentType, String filename) {
        return new Response(200, null, null, contentType, body, filename);
    }

    static Response ok(JsonNode body) {
        return json(200, body);
    }

    static Response empty(int status) {
        return new Response(status, null, null, null);
    }

    static Response text(String text, String contentType) {
        return new Response(200, null, text, contentType);
    }
}
