package org.iggyj.kernel.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.iggyj.kernel.config.ClasspathPluginSections;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportTlsTest {

    @TempDir
    Path dir;

    private KernelConfig section(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("IGGY_SYSTEM_PATH", dir.resolve("data").toString());
        return ClasspathPluginSections.bind(ConfigLoader.load(all, dir)).section(name);
    }

    @Test
    void tlsIsOffByDefault() {
        assertTrue(TransportTls.forTransport("tcp", section("tcp", Map.of())).isEmpty());
    }

    @Test
    void generatedCertificateIsStoredAndLoadedOnTheNextStart() {
        Map<String, String> env = Map.of("IGGY_TCP_TLS_ENABLED", "true",
                "IGGY_TCP_TLS_CERT_FILE", dir.resolve("c.pem").toString(),
                "IGGY_TCP_TLS_KEY_FILE", dir.resolve("k.pem").toString());
        TlsMaterial first = TransportTls.forTransport("tcp", section("tcp", env)).orElseThrow();
        assertTrue(first.selfSigned());
        TlsMaterial second = TransportTls.forTransport("tcp", section("tcp", env)).orElseThrow();
        assertFalse(second.selfSigned());
        assertEquals(first.certificateChain(), second.certificateChain());
        assertEquals(first.privateKey(), second.privateKey());
    }

    @Test
    void missingFilesWithoutSelfSignedFailNamingTheKeys() {
        Map<String, String> env = Map.of("IGGY_TCP_TLS_ENABLED", "true",
                "IGGY_TCP_TLS_SELF_SIGNED", "false",
                "IGGY_TCP_TLS_CERT_FILE", dir.resolve("absent.pem").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TransportTls.forTransport("tcp", section("tcp", env)));
        assertTrue(e.getMessage().contains("[tcp.tls]"), e.getMessage());
    }

    @Test
    void quicAlwaysHasMaterialAndGeneratesByDefault() {
        TlsMaterial quic = TransportTls.forTransport("quic", section("quic", Map.of())).orElseThrow();
        assertTrue(quic.selfSigned());
        assertEquals(1, quic.certificateChain().size());
    }
}
