package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.iggyj.kernel.auth.PasswordHasher;
import org.iggyj.kernel.auth.TokenHasher;
import org.iggyj.kernel.auth.TokenSecrets;
import org.iggyj.kernel.command.CredentialPrehash;
import org.junit.jupiter.api.Test;

class PinnedInputsTest {

    private static final byte[] SEED = new byte[32];

    static {
        Arrays.fill(SEED, (byte) 7);
    }

    @Test
    void shouldGiveEveryNodeTheSameTimeAndBytesForTheSameEntry() {
        PinnedInputs node1 = new PinnedInputs(() -> 111);
        PinnedInputs node2 = new PinnedInputs(() -> 222);
        node1.pin(5_000, SEED, false);
        node2.pin(5_000, SEED, false);
        assertEquals(5_000, node1.nowUs());
        assertEquals(5_000, node2.nowUs());
        byte[] a1 = new byte[50];
        byte[] a2 = new byte[50];
        node1.nextBytes(a1);
        node2.nextBytes(a2);
        assertArrayEquals(a1, a2);
        byte[] b1 = new byte[16];
        node1.nextBytes(b1);
        assertFalse(Arrays.equals(Arrays.copyOf(a1, 16), b1), "successive draws differ");
        // the salt a replicated create_user draws is the same everywhere, so is the stored hash
        node1.pin(6_000, SEED, false);
        node2.pin(6_000, SEED, false);
        assertEquals(PasswordHasher.hash("secret", node1), PasswordHasher.hash("secret", node2));
    }

    @Test
    void shouldBeTheSystemClockAndSecureRandomWhenNotPinned() {
        PinnedInputs inputs = new PinnedInputs(() -> 123);
        inputs.pin(5_000, SEED, false);
        inputs.unpin();
        assertEquals(123, inputs.nowUs());
        byte[] x = new byte[32];
        byte[] y = new byte[32];
        inputs.nextBytes(x);
        inputs.nextBytes(y);
        assertFalse(Arrays.equals(x, y));
    }

    @Test
    void shouldStoreTheReceivedHashAsItIsOnlyWhileAnEntryWithHashedCredentialsApplies() {
        PinnedInputs inputs = new PinnedInputs(() -> 123);
        String phc = PasswordHasher.hash("secret");
        inputs.pin(5_000, SEED, true);
        assertEquals(phc, inputs.hash(phc, inputs), "the entry carries the hash to store");
        assertTrue(inputs.verify(CredentialPrehash.VERIFIED, phc), "checked on the receiving node");
        assertFalse(inputs.verify("secret", phc), "a clear-text password is never accepted here");
        inputs.pin(6_000, SEED, false);
        assertTrue(PasswordHasher.verify("secret", inputs.hash("secret", inputs)), "Argon2id otherwise");
        assertTrue(inputs.verify("secret", phc));
        assertFalse(inputs.verify(CredentialPrehash.VERIFIED, phc));
        inputs.unpin();
        assertFalse(inputs.verify(CredentialPrehash.VERIFIED, phc));
    }

    @Test
    void shouldStoreTheReceivedTokenHashOnlyWhileAnEntryWithATokenMadeOnReceiptApplies() {
        PinnedInputs inputs = new PinnedInputs(() -> 123);
        String raw = TokenHasher.newRawToken();
        byte[] hash = HexFormat.of().parseHex(TokenHasher.hash(raw));
        inputs.pin(5_000, hash, false, true);
        TokenSecrets.NewToken stored = inputs.mint(inputs);
        assertEquals(TokenHasher.hash(raw), stored.hash());
        assertEquals("", stored.raw(), "no node learns the token from the log");
        inputs.pin(5_000, hash, false, false);
        TokenSecrets.NewToken drawn = inputs.mint(inputs);
        assertEquals(TokenHasher.hash(drawn.raw()), drawn.hash());
        assertEquals(68, drawn.raw().length());
        inputs.unpin();
        assertEquals(68, inputs.mint(inputs).raw().length());
    }
}
