package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaging rules of the unpacked distribution: every plugin is one self-contained zip carrying its
 * private libraries in {@code lib/}, and the kernel's {@code lib/} holds none of them.
 */
class DistributionLayoutIT {

    private static final Path HOME = Path.of(System.getProperty("iggy.distribution.dir"));

    /** Libraries only a plugin (or bin/iggy) uses: none may sit in the kernel's lib/. */
    private static final List<String> NOT_KERNEL = List.of("undertow", "xnio", "nimbus-jose-jwt",
            "micrometer-registry-prometheus", "prometheus-metrics", "netty-codec-http", "netty-codec-classes-quic",
            "netty-codec-native-quic", "netty-all", "picocli", "iggyj-cli", "iggyj-client", "iggyj-transport",
            "iggyj-metrics", "iggyj-encryption", "iggyj-console", "iggyj-cluster", "kafka-clients", "zstd-jni",
            "snappy-java", "lz4-java", "ratis");

    @Test
    void shouldKeepPluginLibrariesOutOfTheKernelsLib() throws IOException {
        for (String jar : names(HOME.resolve("lib"))) {
            for (String library : NOT_KERNEL) {
                assertTrue(!jar.contains(library), "lib/" + jar + " belongs to a plugin or the CLI, not the kernel");
            }
        }
    }

    @Test
    void shouldShipEveryPluginAsOneZipWithItsOwnLibraries() throws IOException {
        Set<String> shipped = names(HOME.resolve("plugins"));
        assertEquals(9, shipped.size(), shipped.toString());
        for (String name : shipped) {
            assertTrue(name.endsWith(".zip"), "plugins/" + name + " is not a plugin zip");
        }
        assertTrue(zipEntries("iggyj-transport-http").stream().anyMatch(e -> e.startsWith("lib/io.undertow.undertow-core")));
        assertTrue(zipEntries("iggyj-metrics").stream().anyMatch(e -> e.contains("micrometer-registry-prometheus")));
        assertTrue(zipEntries("iggyj-transport-quic").stream().anyMatch(e -> e.contains("netty-codec-native-quic")));
        assertTrue(zipEntries("iggyj-transport-tcp").contains("plugin.properties"));
        Set<String> kafka = zipEntries("iggyj-transport-kafka");
        for (String library : List.of("org.apache.kafka.kafka-clients", "com.github.luben.zstd-jni",
                "org.xerial.snappy.snappy-java", "lz4-java")) {
            assertTrue(kafka.stream().anyMatch(e -> e.startsWith("lib/") && e.contains(library)), library + " in " + kafka);
        }
        Set<String> cluster = zipEntries("iggyj-cluster");
        for (String library : List.of("org.apache.ratis.ratis-server", "org.apache.ratis.ratis-grpc",
                "org.apache.ratis.ratis-thirdparty-misc")) {
            assertTrue(cluster.stream().anyMatch(e -> e.startsWith("lib/" + library)), library + " in " + cluster);
        }
        assertTrue(zipEntries("iggyj-console").stream().anyMatch(e -> e.startsWith("lib/iggyj-console-")));
        for (String plugin : List.of("iggyj-transport-http", "iggyj-metrics", "iggyj-transport-quic",
                "iggyj-transport-websocket", "iggyj-transport-kafka", "iggyj-cluster", "iggyj-console")) {
            // What lib/ provides must not come twice: a second Netty or Micrometer core breaks type identity.
            assertTrue(zipEntries(plugin).stream().noneMatch(e -> e.matches("lib/io\\.netty\\.netty-(common|buffer|"
                    + "transport|handler|codec-base)-.*") || e.contains("micrometer-core")
                    || e.contains("slf4j-api") || e.contains("iggyj-spi") || e.contains("iggyj-protocol")), plugin);
        }
    }

    private static Set<String> zipEntries(String plugin) throws IOException {
        Path zip = DistributionProcess.onlyFile(HOME.resolve("plugins"), plugin + "-");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Set<String> names = new TreeSet<>();
            file.stream().forEach(entry -> names.add(entry.getName()));
            return names;
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            files.forEach(file -> names.add(file.getFileName().toString()));
            return names;
        }
    }
}
