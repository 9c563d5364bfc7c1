package org.iggyj.transport.http;

/**
 * A framework-level rejection with a plain-text body (http-api.md §3.3): malformed JSON (400), wrong
 * shape (422), body too large (413), unparsable path or query (400), unknown route (404).
 */
final class HttpProblem extends RuntimeException {

    private final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
