package org.iggyj.kernel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenHasherTest {

    @Test
    void shouldHashWithBlake3AsLowercaseHex() {
        // Reference vectors from the BLAKE3 specification's test suite.
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", TokenHasher.hash(""));
        assertEquals("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85", TokenHasher.hash("abc"));
    }

    @Test
    void shouldMakeRandom68CharacterBase64TokensOf50Bytes() {
        String a = TokenHasher.newRawToken();
        String b = TokenHasher.newRawToken();
        assertEquals(68, a.length());
        assertEquals(TokenHasher.RAW_TOKEN_BYTES, Base64.getDecoder().decode(a).length);
        assertNotEquals(a, b);
        assertNotEquals(TokenHasher.hash(a), TokenHasher.hash(b));
    }
}
