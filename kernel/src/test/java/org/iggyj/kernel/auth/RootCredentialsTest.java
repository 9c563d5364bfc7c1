package org.iggyj.kernel.auth;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootCredentialsTest {

    @Test
    void shouldUseBothVariablesWhenSet() {
        RootCredentials credentials = RootCredentials.resolve(
            Map.of("IGGY_ROOT_USERNAME", "admin", "IGGY_ROOT_PASSWORD", "s3cret"), false);

        assertEquals(new RootCredentials("admin", "s3cret", false), credentials);
    }

    @Test
    void shouldFillUnsetValuesWithIggyWhenFlagGiven() {
        assertEquals(new RootCredentials("iggy", "iggy", false), RootCredentials.resolve(Map.of(), true));
        assertEquals(new RootCredentials("admin", "iggy", false),
            RootCredentials.resolve(Map.of("IGGY_ROOT_USERNAME", "admin"), true));
        assertEquals(new RootCredentials("iggy", "pass", false),
            RootCredentials.resolve(Map.of("IGGY_ROOT_PASSWORD", "pass"), true));
    }

    @Test
    void shouldRejectOnlyOneVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> RootCredentials.resolve(Map.of("IGGY_ROOT_USERNAME", "admin"), false));

        assertTrue(error.getMessage().contains("set both"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> RootCredentials.resolve(Map.of("IGGY_ROOT_PASSWORD", "secret"), false));
    }

    @Test
    void shouldCheckLengthsInBytes() {
        assertThrows(IllegalArgumentException.class, () -> RootCredentials.resolve(
            Map.of("IGGY_ROOT_USERNAME", "ab", "IGGY_ROOT_PASSWORD", "secret"), false));
        assertThrows(IllegalArgumentException.class, () -> RootCredentials.resolve(
            Map.of("IGGY_ROOT_USERNAME", "a".repeat(51), "IGGY_ROOT_PASSWORD", "secret"), false));
        assertThrows(IllegalArgumentException.class, () -> RootCredentials.resolve(
            Map.of("IGGY_ROOT_USERNAME", "admin", "IGGY_ROOT_PASSWORD", "pw"), false));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RootCredentials.resolve(
            Map.of("IGGY_ROOT_USERNAME", "admin", "IGGY_ROOT_PASSWORD", "ü".repeat(51)), false));
        assertFalse(error.getMessage().contains("ü"), "the password is not echoed");
        assertEquals("a".repeat(50), RootCredentials.resolve(
            Map.of("IGGY_ROOT_USERNAME", "a".repeat(50), "IGGY_ROOT_PASSWORD", "p".repeat(100)), false).username());
    }

    @Test
    void shouldGenerateRandomAlphanumericPasswordWhenNothingIsSet() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            RootCredentials credentials = RootCredentials.resolve(Map.of(), false);
            assertEquals("iggy", credentials.username());
            assertTrue(credentials.generated());
            String password = credentials.password();
            assertTrue(password.length() >= 20 && password.length() <= 39, password);
            assertTrue(password.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)), password);
            seen.add(password);
        }
        assertEquals(50, seen.size());
    }

    @Test
    void shouldNotShowPasswordInToString() {
        String text = RootCredentials.resolve(Map.of("IGGY_ROOT_USERNAME", "admin", "IGGY_ROOT_PASSWORD", "s3cret"),
            false).toString();

        assertFalse(text.contains("s3cret"), text);
    }
}
