package org.iggyj.kernel.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void shouldVerifyTheHashedPassword() {
        String phc = PasswordHasher.hash(PASSWORD);

        assertTrue(PasswordHasher.verify(PASSWORD, phc));
    }

    @Test
    void shouldWriteArgon2idPhcStringWithIggyParameters() {
        String phc = PasswordHasher.hash(PASSWORD);

        assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
        String[] parts = phc.split("\\$");
        assertEquals(6, parts.length, phc);
        assertFalse(parts[4].contains("=") || parts[5].contains("="), "base64 without padding: " + phc);
        assertEquals(16, Base64.getDecoder().decode(parts[4]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[5]).length);
    }

    @Test
    void shouldSaltEveryHashDifferently() {
        assertNotEquals(PasswordHasher.hash(PASSWORD), PasswordHasher.hash(PASSWORD));
    }

    @Test
    void shouldRejectWrongPassword() {
        String phc = PasswordHasher.hash(PASSWORD);

        assertFalse(PasswordHasher.verify("correct horse battery stapl", phc));
        assertFalse(PasswordHasher.verify("", phc));
        assertFalse(PasswordHasher.verify(null, phc));
    }

    @Test
    void shouldVerifyHashMadeByTheReferenceImplementation() {
        // Produced by the Argon2 reference C implementation (via argon2-cffi) with Iggy's parameters.
        String phc = "$argon2id$v=19$m=19456,t=2,p=1$7zS+XPSwCHKKf4nl9u3WaA$Q5G4pC10e/fIc6YjHe49PJqcE3/+w3c2/k07XhpIcGo";

        assertTrue(PasswordHasher.verify("iggy-compat-check", phc));
        assertFalse(PasswordHasher.verify("iggy-compat-chec", phc));
    }

    @Test
    void shouldHonourParametersWrittenInTheString() {
        // Reference implementation again, with other costs and two lanes.
        String phc = "$argon2id$v=19$m=8192,t=1,p=2$OIdQjUS+XpU/lrH/uLomKQ$Cc9Ah31wssV6i+ntrvHh7Zw0H7L8uye16gmpArMB6bk";
        String sameBytesOtherCosts = phc.replace("m=8192,t=1,p=2", "m=8192,t=2,p=2");

        assertTrue(PasswordHasher.verify("other params", phc));
        assertFalse(PasswordHasher.verify("other params", sameBytesOtherCosts));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plain-text",
        "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "$argon2id$v=19$m=19456,t=2,p=1$$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$a",
        "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g$",
        "$argon2id$v=19$m=19456,t=2,p=1$c2F!dHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=1$c$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    })
    void shouldReturnFalseForMalformedStrings(String phc) {
        assertFalse(PasswordHasher.verify("pw", phc));
    }

    @Test
    void shouldReturnFalseForNullHash() {
        assertFalse(PasswordHasher.verify("pw", null));
    }
}
