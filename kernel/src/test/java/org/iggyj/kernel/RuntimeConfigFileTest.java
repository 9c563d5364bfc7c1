package org.iggyj.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.metadata.DataLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effective configuration and the bound addresses land in the data directory; a failure only logs. */
class RuntimeConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheEffectiveConfigurationAndTheAddressesActuallyBound() throws IOException {
        ServerConfig config = ConfigLoader.load(Map.of(), dir);
        RuntimeConfigFile file = new RuntimeConfigFile(new DataLayout(dir.resolve("data")));
        Map<String, java.net.SocketAddress> bound = new LinkedHashMap<>();
        bound.put("tcp", new InetSocketAddress("127.0.0.1", 8090));
        bound.put("http", new InetSocketAddress("127.0.0.1", 3000));

        file.write(config, bound);

        String text = Files.readString(file.path());
        assertTrue(text.startsWith(config.toToml()), "the configuration first");
        assertTrue(text.endsWith("# Addresses actually bound\n# tcp = /127.0.0.1:8090\n# http = /127.0.0.1:3000\n"),
                text.substring(Math.max(0, text.length() - 200)));
    }

    @Test
    void shouldOnlyLogWhenTheFileCannotBeWritten() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("runtime"), "a file where the directory should be");
        RuntimeConfigFile file = new RuntimeConfigFile(new DataLayout(data));

        file.write(ConfigLoader.load(Map.of(), dir), Map.of());

        assertTrue(Files.isRegularFile(data.resolve("runtime")), "left as it was, no exception");
    }
}
