package org.iggyj.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code iggy login} leaves behind: the server address and a personal access token the CLI
 * created for itself, in a properties file readable by the user only. The password is never
 * stored. {@code iggy logout} deletes the token on the server and the file.
 *
 * <pre>
 * address=127.0.0.1:8090
 * token_name=iggy-cli-1a2b3c4d
 * token=…
 * </pre>
 *
 * @param address   server address, {@code host:port}
 * @param tokenName the token's name on the server
 * @param token     the raw token
 */
record Session(String address, String tokenName, String token) {

    static Optional<Session> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new CliException("cannot read session file " + file + ": " + e.getMessage());
        }
        String token = p.getProperty("token");
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Session(p.getProperty("address", IggyCli.DEFAULT_ADDRESS),
                p.getProperty("token_name", ""), token));
    }

    void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Properties p = new Properties();
        p.setProperty("address", address);
        p.setProperty("token_name", tokenName);
        p.setProperty("token", token);
        try (Writer writer = Files.newBufferedWriter(file)) {
            p.store(writer, "iggy CLI session; delete with `iggy logout`");
        }
    }
}
