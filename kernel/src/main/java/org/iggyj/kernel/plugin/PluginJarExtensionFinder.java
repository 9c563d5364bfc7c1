package org.iggyj.kernel.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.pf4j.ServiceProviderExtensionFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J's {@code META-INF/services} extension finder, restricted to the SPI's extension points
 * ({@code META-INF/services/org.iggyj.spi.*}) in plugins.
 *
 * <p>PF4J's own finder reads every services file it can see and tries to load each class named there
 * as an extension: on the application class path (Netty, Jackson, logback) and, since plugins carry
 * their own libraries in {@code lib/}, in those libraries too — dozens of unrelated classes, some of
 * which fail loudly (netty-common's BlockHound integration, Micrometer's context propagation). Only
 * files named after an {@code org.iggyj.spi} type can declare an extension, so only those are read.
 */
final class PluginJarExtensionFinder extends ServiceProviderExtensionFinder {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJarExtensionFinder.class);
    private static final String SERVICES = "META-INF/services/";
    private static final String SPI_PREFIX = SERVICES + "org.iggyj.spi.";

    PluginJarExtensionFinder(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    public Map<String, Set<String>> readClasspathStorages() {
        return Map.of();
    }

    @Override
    public Map<String, Set<String>> readPluginsStorages() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (PluginWrapper plugin : pluginManager.getPlugins()) {
            Set<String> classNames = new LinkedHashSet<>();
            if (plugin.getPluginClassLoader() instanceof URLClassLoader loader) {
                for (URL url : loader.getURLs()) {
                    read(url, loader, classNames);
                }
            }
            result.put(plugin.getPluginId(), classNames);
        }
        return result;
    }

    private static void read(URL url, URLClassLoader loader, Set<String> classNames) {
        try {
            Path path = Paths.get(url.toURI());
            if (Files.isDirectory(path)) {
                Path services = path.resolve(SERVICES);
                if (Files.isDirectory(services)) {
                    try (Stream<Path> files = Files.list(services)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            if ((SERVICES + file.getFileName()).startsWith(SPI_PREFIX)) {
                                parse(Files.newBufferedReader(file, StandardCharsets.UTF_8), classNames);
                            }
                        }
                    }
                }
            } else if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(SPI_PREFIX) && !entry.isDirectory()) {
                            parse(new BufferedReader(new InputStreamReader(jar.getInputStream(entry),
                                    StandardCharsets.UTF_8)), classNames);
                        }
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            LOG.warn("cannot read extension declarations from {}: {}", url, e.toString());
        }
    }

    private static void parse(BufferedReader reader, Set<String> classNames) throws IOException {
        try (reader) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!name.isEmpty()) {
                    classNames.add(name);
                }
            }
        }
    }
}
