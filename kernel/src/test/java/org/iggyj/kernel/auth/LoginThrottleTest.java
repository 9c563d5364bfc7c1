package org.iggyj.kernel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.iggyj.kernel.config.AuthConfig;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final AuthConfig CONFIG = new AuthConfig(4, 3, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(15), Duration.ZERO, 1, 64, 10, 100, Duration.ZERO, Duration.ZERO);

    private final LoginThrottle throttle = new LoginThrottle(CONFIG);

    @Test
    void shouldAllowTheFreeFailuresThenThrottleTheSourceWithDoublingPeriods() {
        long now = 0;
        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.check("u" + i, "10.0.0.1", now).allowed());
            throttle.onFailure("u" + i, "10.0.0.1", now);
        }
        assertTrue(throttle.check("u9", "10.0.0.1", now).allowed(), "four failures are free");
        assertTrue(throttle.check("u9", "10.0.0.1", now).suspect());
        LoginThrottle.Failure fifth = throttle.onFailure("u9", "10.0.0.1", now);
        assertEquals(SECOND, fifth.sourceBlockedNs());
        LoginThrottle.Verdict blocked = throttle.check("u8", "10.0.0.1", now + SECOND / 2);
        assertEquals(LoginThrottle.Reason.SOURCE, blocked.reason());
        assertTrue(throttle.check("u8", "10.0.0.1", now + SECOND).allowed(), "the throttle ends after its period");
        assertEquals(2 * SECOND, throttle.onFailure("u8", "10.0.0.1", now + SECOND).sourceBlockedNs());
        for (int i = 0; i < 5; i++) {
            throttle.onFailure("u7", "10.0.0.1", now + 2 * SECOND);
        }
        assertEquals(8 * SECOND, throttle.onFailure("u7", "10.0.0.1", now + 2 * SECOND).sourceBlockedNs(),
                "capped at max_throttle");
        assertTrue(throttle.check("u1", "10.0.0.2", now).allowed(), "other sources are not affected");
    }

    @Test
    void shouldThrottleAUsernameOnlyForSourcesItNeverLoggedInFrom() {
        throttle.onSuccess("victim", "10.0.0.1", 0);
        for (int i = 0; i < 4; i++) {
            throttle.onFailure("victim", "10.0.1." + i, 0);
        }
        assertEquals(LoginThrottle.Reason.USER, throttle.check("victim", "10.0.2.1", 1).reason());
        assertTrue(throttle.check("victim", "10.0.0.1", 1).allowed(), "a known source keeps logging in");
        assertFalse(throttle.check("victim", "10.0.0.1", 1).suspect());
        assertTrue(throttle.check("other", "10.0.2.1", 1).allowed(), "other usernames are not affected");
    }

    @Test
    void shouldForgetFailuresAfterTheWindowAndUserFailuresAfterASuccess() {
        for (int i = 0; i < 3; i++) {
            throttle.onFailure("alice", "10.0.0.1", 0);
        }
        throttle.onSuccess("alice", "10.0.0.1", 1);
        throttle.onFailure("alice", "10.0.0.3", 2);
        assertTrue(throttle.check("alice", "10.0.0.3", 3).allowed(), "the success reset alice's count");
        long later = Duration.ofMinutes(16).toNanos();
        assertTrue(throttle.check("bob", "10.0.0.1", 3).suspect(), "10.0.0.1 failed recently");
        assertFalse(throttle.check("bob", "10.0.0.1", later).suspect(), "failures forgotten after the window");
    }

    @Test
    void shouldKeySourcesByIpv4AddressAndIpv6Slash64() {
        assertEquals("192.0.2.7", SourceKeys.of(new InetSocketAddress("192.0.2.7", 1234)));
        assertEquals(SourceKeys.of(new InetSocketAddress("2001:db8:0:1::5", 1)),
                SourceKeys.of(new InetSocketAddress("2001:db8:0:1:ffff::9", 2)));
        assertEquals("2001:db8:0:1::/64", SourceKeys.of(new InetSocketAddress("2001:db8:0:1::5", 1)));
    }
}
