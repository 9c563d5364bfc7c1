package org.iggyj.kernel.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes PEM certificate chains and private keys. Keys may be PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY});
 * encrypted keys are not supported. Stateless.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /**
     * @param file a PEM file with one or more {@code CERTIFICATE} blocks, leaf first
     * @return the chain
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object block; (block = parser.readObject()) != null; ) {
                if (block instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("invalid certificate in " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no PEM CERTIFICATE block in " + file);
        }
        return chain;
    }

    /**
     * @param file a PEM file with one private key block
     * @return the key
     * @throws IOException when the file cannot be read or holds no supported key
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object block; (block = parser.readObject()) != null; ) {
                if (block instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (block instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException("no unencrypted PEM private key in " + file);
    }

    /**
     * Writes an object (certificate or key) as PEM, creating parent directories.
     *
     * @param file   the target file, replaced when it exists
     * @param blocks JCA certificates or keys
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, List<?> blocks) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object block : blocks) {
                pem.writeObject(block);
            }
        }
    }
}
