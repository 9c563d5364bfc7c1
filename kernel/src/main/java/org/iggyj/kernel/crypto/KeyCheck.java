package org.iggyj.kernel.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Guards a data directory against being read with another key, or without encryption, than it was
 * written with. At the first start with encryption on, a known block encrypted under the key is
 * stored in {@code state/encryption_check}; later starts decrypt it and refuse to run when that fails.
 * A directory that holds that file refuses to start with encryption off, and one that already holds
 * unencrypted messages refuses to start with it on, so stored bytes are never served as garbage.
 * Runs once, on the startup thread.
 */
public final class KeyCheck {

    /** The file name, in the state directory. */
    public static final String FILE_NAME = "encryption_check";

    private static final byte[] KNOWN_BLOCK = "iggyj encryption key check v1".getBytes(StandardCharsets.US_ASCII);

    private KeyCheck() {
    }

    /**
     * @param crypto     the configured encryption
     * @param stateDir   the state directory
     * @param streamsDir the streams directory (to detect messages written without encryption)
     * @throws IllegalStateException with a message naming the problem and the fix
     */
    public static void verify(MessageCrypto crypto, Path stateDir, Path streamsDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            boolean exists = Files.exists(file);
            if (!crypto.enabled()) {
                if (exists) {
                    throw new IllegalStateException("the data in " + stateDir.getParent() + " was written with"
                            + " [system.encryption] enabled; start with encryption enabled and the same key");
                }
                return;
            }
            if (!exists) {
                if (holdsMessages(streamsDir)) {
                    throw new IllegalStateException("[system.encryption] enabled = true, but " + streamsDir
                            + " already holds messages written without encryption");
                }
                Files.createDirectories(stateDir);
                ByteBuf sealed = crypto.cipher().encrypt(Unpooled.wrappedBuffer(KNOWN_BLOCK),
                        UnpooledByteBufAllocator.DEFAULT);
                try {
                    Files.write(file, ByteBufUtil.getBytes(sealed));
                } finally {
                    sealed.release();
                }
                return;
            }
            byte[] stored = Files.readAllBytes(file);
            byte[] opened;
            try {
                ByteBuf plain = crypto.cipher().decrypt(Unpooled.wrappedBuffer(stored),
                        UnpooledByteBufAllocator.DEFAULT);
                try {
                    opened = ByteBufUtil.getBytes(plain);
                } finally {
                    plain.release();
                }
            } catch (IllegalStateException e) {
                opened = null;
            }
            if (!Arrays.equals(KNOWN_BLOCK, opened)) {
                throw new IllegalStateException("[system.encryption] key is not the key the data in "
                        + stateDir.getParent() + " was written with (" + file + " does not decrypt)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the encryption key in " + file, e);
        }
    }

    private static boolean holdsMessages(Path streamsDir) throws IOException {
        if (!Files.isDirectory(streamsDir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(streamsDir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".log") && sizeOf(f) > 0);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
