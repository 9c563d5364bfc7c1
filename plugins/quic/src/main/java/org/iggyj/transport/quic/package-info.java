/**
 * The QUIC transport on Netty's native QUIC codec: one bidirectional stream per request, as Iggy 0.8
 * does, TLS always on with the kernel's {@code [quic.certificate]} material and the ALPN
 * {@value org.iggyj.transport.quic.QuicTransport#ALPN}.
 *
 * <p>BoringSSL refuses QUIC handshakes without ALPN, and Iggy 0.8 clients offer none, so this
 * transport serves clients that offer {@code iggy} (this project's client); see docs/transports.md.
 * Threads: {@link org.iggyj.transport.quic.QuicTransport#start} on the startup thread; each
 * connection and its streams on the datagram channel's event loop.
 */
package org.iggyj.transport.quic;
