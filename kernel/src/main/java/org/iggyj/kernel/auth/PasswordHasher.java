package org.iggyj.kernel.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashing as Iggy 0.8 stores it: Argon2id, version 0x13, 19,456 KiB of memory, 2
 * iterations, parallelism 1, a random 16-byte salt and a 32-byte hash, kept as a PHC string:
 * <pre>
 * $argon2id$v=19$m=19456,t=2,p=1$&lt;salt, base64 without padding&gt;$&lt;hash, base64 without padding&gt;
 * </pre>
 * Verification honours the parameters written in the string (so hashes made with other costs still
 * verify) within sane bounds, which stop a crafted string from demanding gigabytes of memory.
 * Stateless and thread-safe; each call costs tens of milliseconds by design, so never call it on
 * an event loop or shard thread.
 */
public final class PasswordHasher {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;

    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;
    private static final int MIN_HASH_LENGTH = 16;
    private static final int MAX_HASH_LENGTH = 128;
    private static final Pattern PHC = Pattern.compile(
        "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    /**
     * @param password the clear-text password
     * @return its PHC string, with a fresh random salt
     */
    public static String hash(String password) {
        return hash(password, RANDOM::nextBytes);
    }

    /**
     * @param password the clear text
     * @param random   where the salt comes from
     * @return its PHC string
     */
    public static String hash(String password, RandomSource random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_LENGTH);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
            + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /**
     * @param password the clear-text password to check
     * @param phc      a stored PHC string
     * @return whether the password matches; false when the string is malformed or out of bounds
     */
    public static boolean verify(String password, String phc) {
        if (password == null || phc == null) {
            return false;
        }
        Matcher matcher = PHC.matcher(phc);
        if (!matcher.matches()) {
            return false;
        }
        int memory = Integer.parseInt(matcher.group(1));
        int iterations = Integer.parseInt(matcher.group(2));
        int parallelism = Integer.parseInt(matcher.group(3));
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(matcher.group(4));
            expected = Base64.getDecoder().decode(matcher.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean inBounds = parallelism >= 1 && parallelism <= MAX_PARALLELISM
            && memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB
            && iterations >= 1 && iterations <= MAX_ITERATIONS
            && salt.length >= 8 && expected.length >= MIN_HASH_LENGTH && expected.length <= MAX_HASH_LENGTH;
        if (!inBounds) {
            return false;
        }
        byte[] actual = argon2(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
