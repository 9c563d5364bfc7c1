package org.iggyj.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The console's files, read once from the jar (or class directory) that holds a class, with a
 * content type, a strong {@code ETag} and, for text files, a gzip copy. Immutable; thread-safe.
 */
final class StaticFiles {

    /**
     * One file ready to send.
     *
     * @param contentType its content type
     * @param bytes       the raw bytes
     * @param gzipped     the gzip-compressed bytes, or null when not worth it
     * @param etag        a quoted strong entity tag
     */
    record File(String contentType, byte[] bytes, byte[] gzipped, String etag) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    private final Map<String, File> byName;

    private StaticFiles(Map<String, File> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * @param anchor a class in the jar or directory to read from
     * @param folder the folder inside it, ending with {@code /}, e.g. {@code console/}
     * @return the files, keyed by their path relative to {@code folder}
     * @throws IOException when the location cannot be read or holds no {@code index.html}
     */
    static StaticFiles load(Class<?> anchor, String folder) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the console's files", e);
        }
        Map<String, File> files = new TreeMap<>();
        if (Files.isDirectory(location)) {
            Path root = location.resolve(folder);
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    String name = root.relativize(p).toString().replace('\\', '/');
                    files.put(name, prepare(name, Files.readAllBytes(p)));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (!e.isDirectory() && e.getName().startsWith(folder)) {
                        try (InputStream in = jar.getInputStream(e)) {
                            String name = e.getName().substring(folder.length());
                            files.put(name, prepare(name, in.readAllBytes()));
                        }
                    }
                }
            }
        }
        if (!files.containsKey("index.html")) {
            throw new IOException("no " + folder + "index.html in " + location);
        }
        return new StaticFiles(files);
    }

    /** @return the file at {@code name} (relative, no leading slash), or null */
    File get(String name) {
        return byName.get(name);
    }

    int size() {
        return byName.size();
    }

    private static File prepare(String name, byte[] bytes) throws IOException {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        byte[] gz = null;
        if (type.startsWith("text/") || type.contains("svg") || type.contains("json")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes);
            }
            gz = out.size() < bytes.length ? out.toByteArray() : null;
        }
        return new File(type, bytes, gz, etag(bytes));
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(digest, 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
