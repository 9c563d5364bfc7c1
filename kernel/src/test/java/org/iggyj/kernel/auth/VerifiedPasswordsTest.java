package org.iggyj.kernel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private static final long TTL = 1_000;
    private static final String PHC = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
    private static final String OTHER_PHC = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 500);
    private final VerifiedPasswords verified = new VerifiedPasswords(TTL, now::get);

    @Test
    void shouldMatchTheSamePasswordForTheSameHashAndStatusWithinTheTtl() {
        verified.remember(7, true, PHC, "secret-1");
        now.addAndGet(TTL - 1);
        assertTrue(verified.matches(7, true, PHC, "secret-1"), "also across the clock's wrap-around");
    }

    @Test
    void shouldMissForAnotherPasswordUserHashOrStatus() {
        verified.remember(7, true, PHC, "secret-1");
        assertFalse(verified.matches(7, true, PHC, "secret-2"));
        assertFalse(verified.matches(7, true, PHC, "secret-1 "));
        assertFalse(verified.matches(8, true, PHC, "secret-1"), "another user");
        assertFalse(verified.matches(7, true, OTHER_PHC, "secret-1"), "the password was changed");
        assertFalse(verified.matches(7, false, PHC, "secret-1"), "the user was deactivated");
        assertTrue(verified.matches(7, true, PHC, "secret-1"), "misses do not evict");
    }

    @Test
    void shouldExpireTtlAfterTheVerificationEvenWhenHitMeanwhile() {
        verified.remember(7, true, PHC, "secret-1");
        now.addAndGet(TTL / 2);
        assertTrue(verified.matches(7, true, PHC, "secret-1"));
        now.addAndGet(TTL / 2);
        assertFalse(verified.matches(7, true, PHC, "secret-1"));
        assertEquals(0, verified.size(), "an expired entry found by a lookup is dropped");
    }

    @Test
    void shouldKeepOneEntryPerUserTheLastVerified() {
        verified.remember(7, true, PHC, "secret-1");
        verified.remember(7, true, OTHER_PHC, "secret-2");
        assertFalse(verified.matches(7, true, PHC, "secret-1"));
        assertTrue(verified.matches(7, true, OTHER_PHC, "secret-2"));
        assertEquals(1, verified.size());
    }

    @Test
    void shouldRememberNothingWhenTheTtlIsZero() {
        VerifiedPasswords off = new VerifiedPasswords(0, now::get);
        off.remember(7, true, PHC, "secret-1");
        assertFalse(off.enabled());
        assertFalse(off.matches(7, true, PHC, "secret-1"));
    }

    @Test
    void shouldStopRememberingNewUsersWhenFullUntilEntriesExpire() {
        for (int id = 0; id < VerifiedPasswords.MAX_ENTRIES; id++) {
            verified.remember(id, true, PHC, "secret");
        }
        verified.remember(VerifiedPasswords.MAX_ENTRIES, true, PHC, "secret");
        assertFalse(verified.matches(VerifiedPasswords.MAX_ENTRIES, true, PHC, "secret"));
        verified.remember(3, true, OTHER_PHC, "renewed");
        assertTrue(verified.matches(3, true, OTHER_PHC, "renewed"), "a remembered user is still updated");

        now.addAndGet(TTL);
        verified.remember(VerifiedPasswords.MAX_ENTRIES, true, PHC, "secret");
        assertTrue(verified.matches(VerifiedPasswords.MAX_ENTRIES, true, PHC, "secret"));
        assertEquals(1, verified.size(), "the expired entries were swept to make room");
    }
}
