package org.iggyj.kernel.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.iggyj.spi.TlsMaterial;

/**
 * The kernel's immutable {@link TlsMaterial}.
 *
 * @param privateKey       the key of the leaf certificate
 * @param certificateChain leaf first, never empty
 * @param selfSigned       whether the kernel generated it
 */
public record KernelTlsMaterial(PrivateKey privateKey, List<X509Certificate> certificateChain, boolean selfSigned)
        implements TlsMaterial {

    /** Copies the chain so the record stays immutable. */
    public KernelTlsMaterial {
        certificateChain = List.copyOf(certificateChain);
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("a TLS certificate chain needs at least one certificate");
        }
    }

    @Override
    public String toString() {
        // Never the key.
        return "KernelTlsMaterial[subject=" + certificateChain.get(0).getSubjectX500Principal()
                + ", selfSigned=" + selfSigned + "]";
    }
}
