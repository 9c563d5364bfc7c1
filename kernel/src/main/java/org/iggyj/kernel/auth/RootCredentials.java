package org.iggyj.kernel.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The username and password the root user (id 0) is created with on a first start, when the data
 * directory holds no root user yet (Iggy 0.8 semantics). The password is clear text here only
 * until it is hashed; {@link #toString()} never shows it.
 *
 * @param username  the root username
 * @param password  the clear-text root password
 * @param generated true when the password was made up here and must be shown to the operator once
 */
public record RootCredentials(String username, String password, boolean generated) {

    /** Environment variable with the root username. */
    public static final String USERNAME_ENV = "IGGY_ROOT_USERNAME";
    /** Environment variable with the root password. */
    public static final String PASSWORD_ENV = "IGGY_ROOT_PASSWORD";
    /** Username and, with {@code --with-default-root-credentials}, password used when none is given. */
    public static final String DEFAULT_ROOT = "iggy";

    static final int MIN_USERNAME_BYTES = 3;
    static final int MAX_USERNAME_BYTES = 50;
    static final int MIN_PASSWORD_BYTES = 3;
    static final int MAX_PASSWORD_BYTES = 100;
    static final int MIN_GENERATED_LENGTH = 20;
    static final int MAX_GENERATED_LENGTH = 39;

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Resolves the root credentials: with the flag, {@code iggy} fills whichever of the two variables
     * is unset; then both set means those values, neither set means username {@code iggy} with a
     * random 20–39 character alphanumeric password, and exactly one set is an error.
     *
     * @param env                        the process environment
     * @param withDefaultRootCredentials the {@code --with-default-root-credentials} flag
     * @return the credentials to create root with
     * @throws IllegalArgumentException when only one variable is set or a value has a bad length
     */
    public static RootCredentials resolve(Map<String, String> env, boolean withDefaultRootCredentials) {
        String username = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        if (withDefaultRootCredentials) {
            username = username == null ? DEFAULT_ROOT : username;
            password = password == null ? DEFAULT_ROOT : password;
        }
        if (username == null && password == null) {
            return new RootCredentials(DEFAULT_ROOT, randomPassword(), true);
        }
        if (username == null || password == null) {
            throw new IllegalArgumentException("set both " + USERNAME_ENV + " and " + PASSWORD_ENV + " or neither; only "
                + (username == null ? PASSWORD_ENV : USERNAME_ENV) + " is set");
        }
        checkLength(USERNAME_ENV, username, MIN_USERNAME_BYTES, MAX_USERNAME_BYTES);
        checkLength(PASSWORD_ENV, password, MIN_PASSWORD_BYTES, MAX_PASSWORD_BYTES);
        return new RootCredentials(username, password, false);
    }

    private static void checkLength(String name, String value, int min, int max) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < min || bytes > max) {
            // The value itself is not echoed: it may be a password.
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + " bytes long, got " + bytes);
        }
    }

    private static String randomPassword() {
        int length = MIN_GENERATED_LENGTH + RANDOM.nextInt(MAX_GENERATED_LENGTH - MIN_GENERATED_LENGTH + 1);
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return password.toString();
    }

    @Override
    public String toString() {
        return "RootCredentials[username=" + username + ", password=******, generated=" + generated + "]";
    }
}
