/**
 * Transport TLS material: the certificate chain and private key each transport gets through
 * {@link org.iggyj.spi.TransportContext#tls()}, loaded from PEM files with BouncyCastle or generated
 * self-signed for {@code localhost}.
 *
 * <p>Owns: which config keys switch TLS on per transport ({@code tls.*}, or {@code certificate.*}
 * for QUIC, which always encrypts), PEM reading and writing, certificate generation. Threads: runs
 * once per transport on the startup thread; the material it returns is immutable.
 */
package org.iggyj.kernel.tls;
