package org.iggyj.client;

/**
 * How an {@link IggyConnection} reaches the server; every transport carries the same binary
 * protocol, optionally under TLS (see {@link ClientTls}).
 */
public enum ClientTransport {
    /** Frames on a TCP stream ({@code [tcp]}, default port 8090). */
    TCP,
    /** One binary WebSocket message per request and per reply ({@code [websocket]}, default port 8092). */
    WEBSOCKET,
    /** One bidirectional QUIC stream per request, always TLS, ALPN {@code iggy} ({@code [quic]}, default 8080). */
    QUIC
}
