package org.iggyj.kernel.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides and builds one transport's TLS material from its config section, once at startup.
 *
 * <ul>
 *   <li>{@code quic}: always TLS, from {@code certificate.*}; {@code self_signed = true} (the default)
 *       generates a fresh certificate at every start and ignores the files, as Iggy does.</li>
 *   <li>every other transport: TLS when {@code tls.enabled}; with {@code tls.self_signed} and no
 *       {@code tls.cert_file} on disk a certificate is generated and written to
 *       {@code tls.cert_file}/{@code tls.key_file}, so clients can trust it and later starts reuse it;
 *       otherwise both PEM files are loaded.</li>
 * </ul>
 *
 * <p>Relative file names resolve against the working directory, as in Iggy. Stateless.
 */
public final class TransportTls {

    /** The transport that always encrypts and keeps its keys under {@code certificate.*}. */
    public static final String QUIC = "quic";
    static final String DEFAULT_CERT_FILE = "core/certs/iggy_cert.pem";
    static final String DEFAULT_KEY_FILE = "core/certs/iggy_key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(TransportTls.class);

    private TransportTls() {
    }

    /**
     * @param transport the transport name (its config section)
     * @param section   its config section
     * @return the material, or empty when TLS is off for the transport
     * @throws IllegalStateException when the PEM files are missing or unreadable, naming the key
     */
    public static Optional<TlsMaterial> forTransport(String transport, KernelConfig section) {
        if (QUIC.equals(transport)) {
            KernelConfig certificate = section.section("certificate");
            if (certificate.bool("self_signed", true)) {
                LOG.info("[{}] uses a fresh self-signed certificate for {}", transport, SelfSignedIssuer.HOST);
                return Optional.of(SelfSignedIssuer.issueLocalhost());
            }
            return Optional.of(load(transport + ".certificate", certificate));
        }
        KernelConfig tls = section.section("tls");
        if (!tls.bool("enabled", false)) {
            return Optional.empty();
        }
        Path certFile = Path.of(tls.string("cert_file", DEFAULT_CERT_FILE));
        if (tls.bool("self_signed", true) && !Files.exists(certFile)) {
            return Optional.of(issueAndStore(transport, certFile, Path.of(tls.string("key_file", DEFAULT_KEY_FILE))));
        }
        return Optional.of(load(transport + ".tls", tls));
    }

    private static KernelTlsMaterial issueAndStore(String transport, Path certFile, Path keyFile) {
        KernelTlsMaterial material = SelfSignedIssuer.issueLocalhost();
        try {
            PemFiles.write(keyFile, List.of(material.privateKey()));
            PemFiles.write(certFile, material.certificateChain());
        } catch (IOException e) {
            throw new IllegalStateException("[" + transport + ".tls] cannot write the generated certificate to "
                    + certFile + " / " + keyFile + ": " + e.getMessage(), e);
        }
        LOG.info("[{}.tls] generated a self-signed certificate for {} into {}", transport, SelfSignedIssuer.HOST,
                certFile);
        return material;
    }

    private static KernelTlsMaterial load(String prefix, KernelConfig keys) {
        Path certFile = Path.of(keys.string("cert_file", DEFAULT_CERT_FILE));
        Path keyFile = Path.of(keys.string("key_file", DEFAULT_KEY_FILE));
        try {
            return new KernelTlsMaterial(PemFiles.readPrivateKey(keyFile), PemFiles.readCertificates(certFile), false);
        } catch (IOException e) {
            throw new IllegalStateException("[" + prefix + "] cannot load cert_file " + certFile + " / key_file "
                    + keyFile + ": " + e.getMessage(), e);
        }
    }
}
