package org.iggyj.kernel.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short memory of successful password verifications, so that a client opening several connections
 * with the same credentials pays one Argon2id run per {@code ttl} instead of one per connection.
 *
 * <p>Per user id it keeps at most one entry: an HMAC-SHA256, under a random key made when this object
 * is and never stored, of the user id, its status, its stored PHC string and the password that matched,
 * plus when the entry expires. Never the password itself, nor anything that a reader of the heap could
 * test guesses against without the key (which is in the same heap: see docs/security.md for what this
 * trades). A lookup recomputes the HMAC of what is presented and compares it in constant time.
 *
 * <p>Design note: an entry covers exactly the stored hash and status it was verified against, so a
 * password change (new salt, new PHC), a deletion and re-creation, or a status change makes it miss;
 * no write path has to remember to invalidate it. It expires {@code ttl} after the Argon2 run that made
 * it (a hit does not extend it). Only successful verifications are remembered: a wrong password misses
 * and goes through Argon2, the throttle and the audit exactly as without this cache.
 *
 * <p>Thread-safe; a lookup costs one HMAC of a few dozen bytes (microseconds), so it may run on an event loop.
 */
public final class VerifiedPasswords {

    /** Most users remembered at once; beyond it new verifications are not remembered until entries expire. */
    static final int MAX_ENTRIES = 10_000;
    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final long ttlNs;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(byte[] mac, long expiresAtNs) {
    }

    /**
     * @param ttlNs     how long a verification is reused; zero or less turns reuse off
     * @param nanoClock {@link System#nanoTime()} or a test clock
     */
    public VerifiedPasswords(long ttlNs, LongSupplier nanoClock) {
        this.ttlNs = ttlNs;
        this.nanoClock = nanoClock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC_ALGORITHM);
        Arrays.fill(secret, (byte) 0);
    }

    /** @return whether verifications are reused at all */
    public boolean enabled() {
        return ttlNs > 0;
    }

    /**
     * @param userId   the user the login is for
     * @param active   whether that user is active now
     * @param phc      the user's stored PHC string now
     * @param password the password presented
     * @return whether this exact password was verified against this exact stored hash and status within the ttl
     */
    public boolean matches(long userId, boolean active, String phc, String password) {
        if (!enabled()) {
            return false;
        }
        Entry entry = entries.get(userId);
        if (entry == null) {
            return false;
        }
        if (nanoClock.getAsLong() - entry.expiresAtNs() >= 0) {
            entries.remove(userId, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac(userId, active, phc, password));
    }

    /**
     * Remembers a verification that succeeded (never call it for one that failed).
     *
     * @param userId   the user
     * @param active   whether the user was active when verified
     * @param phc      the stored PHC string the password matched
     * @param password the password that matched
     */
    public void remember(long userId, boolean active, String phc, String password) {
        if (!enabled()) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (entries.size() >= MAX_ENTRIES && !entries.containsKey(userId)) {
            sweep(now);
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        entries.put(userId, new Entry(mac(userId, active, phc, password), now + ttlNs));
    }

    /** Drops expired entries; the server calls it now and then. */
    public void sweep() {
        sweep(nanoClock.getAsLong());
    }

    private void sweep(long now) {
        entries.values().removeIf(e -> now - e.expiresAtNs() >= 0);
    }

    /** @return entries held now, expired ones not yet swept included */
    int size() {
        return entries.size();
    }

    /** Id, status, PHC, a zero byte (a PHC string has none), then the password: one unambiguous input. */
    private byte[] mac(long userId, boolean active, String phc, String password) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            for (int shift = 56; shift >= 0; shift -= 8) {
                mac.update((byte) (userId >>> shift));
            }
            mac.update((byte) (active ? 1 : 0));
            mac.update(phc.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            mac.update(secret);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
