package org.iggyj.spi;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server certificate chain and its private key, built once by the kernel from the transport's
 * configured PEM files, or generated self-signed for {@code localhost} when the configuration asks
 * for it. Transports build their own engine from it (a Netty {@code SslContext}, a QUIC SSL context,
 * a JDK {@code SSLContext}), so this type carries JDK types only. Immutable and thread-safe.
 */
public interface TlsMaterial {

    /**
     * @return the private key matching the first certificate
     */
    PrivateKey privateKey();

    /**
     * @return the certificate chain, leaf first
     */
    List<X509Certificate> certificateChain();

    /**
     * @return whether the kernel generated the certificate itself
     */
    boolean selfSigned();
}
