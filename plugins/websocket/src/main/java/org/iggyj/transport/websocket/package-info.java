/**
 * The WebSocket transport: Iggy's binary protocol in binary WebSocket messages ({@code ws://} or,
 * with TLS, {@code wss://}) on any path, as Iggy 0.8 serves it.
 *
 * <p>Owns the listening socket, the per-connection pipeline (TLS, HTTP upgrade, WebSocket framing,
 * then the shared {@link org.iggyj.spi.wire.RequestFrameDecoder} and
 * {@link org.iggyj.spi.wire.OrderedCommandHandler}) and the set of open connections. Threads:
 * {@link org.iggyj.transport.websocket.WebSocketTransport#start} and {@code Endpoint.close()} run on
 * the kernel's startup/shutdown thread; everything per connection runs on its event loop.
 */
package org.iggyj.transport.websocket;
