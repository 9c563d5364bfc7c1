package org.iggyj.kernel.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pf4j.PluginRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the plugin manager finds plugins: every {@code *.jar} (a plain plugin jar), directory (a PF4J
 * plugin directory: {@code plugin.properties}, {@code lib/}, {@code classes/}) and {@code *.zip} (such a
 * directory, zipped: how this project's plugins ship) in the plugins directory, hidden files skipped.
 *
 * <p>Zips are extracted at every start into a private temporary directory, never next to the zip as
 * PF4J's own repository does: the {@code plugins/} directory may be read-only, and a plugin must be gone
 * once its zip is removed, not live on as a stale extracted directory. {@link #close()} deletes the
 * extraction, after the plugins are unloaded. The directory is named after the process
 * ({@code iggyj-plugins-<pid>-...}), so a start also removes what servers killed without a shutdown
 * left behind. Used from the kernel's startup and shutdown thread.
 */
final class PluginArchiveRepository implements PluginRepository, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginArchiveRepository.class);
    static final String EXTRACTION_PREFIX = "iggyj-plugins-";

    private final Path pluginsDir;
    private Path extractionDir;

    PluginArchiveRepository(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
    }

    @Override
    public List<Path> getPluginPaths() {
        List<Path> paths = new ArrayList<>();
        if (!Files.isDirectory(pluginsDir)) {
            return paths;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pluginsDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry) || lower.endsWith(".jar")) {
                    paths.add(entry);
                } else if (lower.endsWith(".zip")) {
                    paths.add(extract(entry, name.substring(0, name.length() - ".zip".length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins in " + pluginsDir, e);
        }
        paths.sort(Comparator.comparing(Path::toString));
        return paths;
    }

    private Path extract(Path zip, String name) throws IOException {
        if (extractionDir == null) {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            removeLeftoversOfDeadProcesses(temp);
            extractionDir = Files.createTempDirectory(temp, EXTRACTION_PREFIX + ProcessHandle.current().pid() + "-");
        }
        Path target = extractionDir.resolve(name);
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("plugin archive " + zip + " holds an entry outside itself: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    copy(in, file);
                }
            }
        }
        LOG.debug("plugin archive {} extracted into {}", zip, target);
        return target;
    }

    /** Deletes {@code iggyj-plugins-<pid>-*} directories whose process no longer runs. */
    static void removeLeftoversOfDeadProcesses(Path temp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(temp, EXTRACTION_PREFIX + "*")) {
            for (Path dir : dirs) {
                String rest = dir.getFileName().toString().substring(EXTRACTION_PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash <= 0 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(rest.substring(0, dash));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteTree(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for leftover plugin extractions in {}: {}", temp, e.toString());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete the extracted plugins in {}: {}", dir, e.getMessage());
        }
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        // Plugins are added and removed by the operator, in plugins/; the server never deletes them.
        return false;
    }

    /** Deletes the extracted archives. Idempotent. */
    @Override
    public void close() {
        Path dir = extractionDir;
        extractionDir = null;
        if (dir != null) {
            deleteTree(dir);
        }
    }
}
