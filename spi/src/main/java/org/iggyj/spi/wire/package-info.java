/**
 * The binary protocol's connection pipeline, shared by every transport that carries it over a byte
 * stream (TCP, WebSocket): {@link org.iggyj.spi.wire.RequestFrameDecoder} splits request frames,
 * {@link org.iggyj.spi.wire.OrderedCommandHandler} dispatches them one at a time (or, when
 * configured, several consecutive sends at once) and writes the replies ({@link org.iggyj.spi.wire.ReplyFrame}) in request order. Plugins never depend on each
 * other, so this lives in the SPI; it uses SPI and Netty types only.
 *
 * <p>Threads: one decoder and one handler per channel, confined to its event loop.
 */
package org.iggyj.spi.wire;
