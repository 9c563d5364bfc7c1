package org.iggyj.spi.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for a server under test and the trust its clients need: the {@code IGGY_<TRANSPORT>_TLS_*} overrides
 * that turn a transport's TLS on with a self-signed certificate the kernel generates into one directory
 * ({@code cert.pem}, {@code key.pem}), and that certificate as the trust material each kind of client
 * reads (the PEM file itself, a JKS trust store file, an {@link SSLContext}). The directory is created by
 * the server on its first start. Immutable.
 */
public final class TlsFixture {

    private static final String TRUST_STORE_PASSWORD = "changeit";

    private final Path dir;

    /** @param dir where the server writes its generated certificate and key (need not exist yet) */
    public TlsFixture(Path dir) {
        this.dir = dir;
    }

    /** @return the PEM certificate the server generates and clients trust */
    public Path certFile() {
        return dir.resolve("cert.pem");
    }

    /** @return the PEM private key the server generates */
    public Path keyFile() {
        return dir.resolve("key.pem");
    }

    /**
     * @param transports section names ({@code tcp}, {@code http}, {@code websocket}, {@code kafka}, ...)
     * @return the overrides that turn TLS on for each, all with this certificate and key (a mutable map,
     *         for the test to add its own)
     */
    public Map<String, String> serverEnv(String... transports) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String transport : transports) {
            String prefix = "IGGY_" + transport.toUpperCase(Locale.ROOT) + "_TLS_";
            env.put(prefix + "ENABLED", "true");
            env.put(prefix + "SELF_SIGNED", "true");
            env.put(prefix + "CERT_FILE", certFile().toString());
            env.put(prefix + "KEY_FILE", keyFile().toString());
        }
        return env;
    }

    /** @return the certificate the server generated (read from {@link #certFile()}) */
    public Certificate certificate() {
        try (InputStream in = Files.newInputStream(certFile())) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable certificate " + certFile(), e);
        }
    }

    /**
     * For clients that read trust as a key store file rather than PEM (e.g. Apache HttpClient's
     * {@code loadTrustMaterial}): what {@code keytool -importcert -storetype JKS} would write, password
     * {@code changeit}.
     *
     * @return {@code trust.jks} next to the certificate, trusting it
     */
    public Path trustStoreFile() {
        Path file = dir.resolve("trust.jks");
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore("JKS", certificate()).store(out, TRUST_STORE_PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /** @return a client TLS context that trusts this fixture's certificate only */
    public SSLContext clientContext() {
        return clientContextTrusting(certificate());
    }

    /**
     * @param certificate the only certificate to trust
     * @return a client TLS context trusting just it (e.g. another server's, to see a handshake fail)
     */
    public static SSLContext clientContextTrusting(Certificate certificate) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(KeyStore.getDefaultType(), certificate));
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client TLS context", e);
        }
    }

    private static KeyStore trustStore(String type, Certificate certificate) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.setCertificateEntry("iggy", certificate);
        return store;
    }
}
