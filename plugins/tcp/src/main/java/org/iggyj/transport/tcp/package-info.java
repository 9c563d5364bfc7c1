/**
 * The TCP transport: Iggy's binary protocol over plain TCP, served by Netty on the kernel's shared
 * event loops.
 *
 * <p>Owns the listening socket, the per-connection pipeline ({@link
 * org.iggyj.spi.wire.RequestFrameDecoder} then {@link org.iggyj.spi.wire.OrderedCommandHandler})
 * and the set of open connections. Threads: {@link org.iggyj.transport.tcp.TcpTransport#start} and
 * {@code Endpoint.close()} run on the kernel's startup/shutdown thread; everything per connection
 * runs on that connection's event loop, including dispatcher replies, which are handed back to it.
 */
package org.iggyj.transport.tcp;
