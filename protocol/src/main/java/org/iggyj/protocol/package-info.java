/**
 * The Iggy 0.8 binary wire codec: frame headers ({@link org.iggyj.protocol.Frames}), the command table
 * ({@link org.iggyj.protocol.CommandCode}), the error table ({@link org.iggyj.protocol.ErrorCode}) and the
 * exception that carries it ({@link org.iggyj.protocol.IggyException}), the message layout and value limits.
 *
 * <p>Owns no state and starts no threads: every type here is immutable or stateless and may be used from any
 * thread, except the TLS pipeline helpers the TCP transport and the lean client share
 * ({@link org.iggyj.protocol.TlsWriteSlicer}, {@link org.iggyj.protocol.TlsDecryptAllocator}): one instance
 * per channel, confined to its event loop. Sub-packages: {@code wire} (shared primitives), {@code request} (request decoders/encoders),
 * {@code response} (response writers). All integers on the wire are little-endian.
 */
package org.iggyj.protocol;
