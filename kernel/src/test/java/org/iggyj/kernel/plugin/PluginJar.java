package org.iggyj.kernel.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.iggyj.spi.Transport;

/**
 * Writes a PF4J plugin jar in a test directory: a manifest with the plugin id and class, copies of
 * the given test classes, and a services file naming {@link FakeTransport}, as the PF4J annotation
 * processor would.
 */
final class PluginJar {

    private PluginJar() {
    }

    static Path write(Path dir, String pluginId, Class<?> pluginClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", pluginId);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "tests");
        attributes.putValue("Plugin-Class", pluginClass.getName());
        Path jar = dir.resolve(pluginId + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            copyClass(out, pluginClass);
            copyClass(out, FakeTransport.class);
            // PF4J lists the services directory through the class loader, which needs its entry.
            out.putNextEntry(new JarEntry("META-INF/services/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + Transport.class.getName()));
            out.write((FakeTransport.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static void copyClass(JarOutputStream out, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
