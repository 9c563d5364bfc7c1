package org.iggyj.kernel.cluster;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.iggyj.kernel.auth.PasswordHashing;
import org.iggyj.kernel.auth.RandomSource;
import org.iggyj.kernel.auth.TokenSecrets;
import org.iggyj.kernel.command.CredentialPrehash;
import org.iggyj.kernel.partition.MicrosClock;

/**
 * The clock and random source of the command handlers when clustering is on. Outside an apply they
 * are the system clock and a {@link java.security.SecureRandom}; while {@link CommandApplier}
 * applies an entry they return the entry's time and bytes expanded from its seed (SHA-256 of seed
 * and a counter), so every node computes the same creation times, salts and token secrets.
 *
 * <p>Pinned by the applier thread only, one entry at a time; read by whichever thread runs the
 * handler's work for that entry (metadata shard, hashing pool), which the applier waits for before
 * it unpins. Fields are volatile for that hand-over.
 */
public final class PinnedInputs implements MicrosClock, RandomSource, PasswordHashing, TokenSecrets {

    private final MicrosClock system;
    private volatile boolean pinned;
    private volatile boolean prehashed;
    private volatile boolean tokenHashed;
    private volatile long pinnedUs;
    private volatile byte[] seed;
    private long counter;

    /**
     * @param system the clock used when nothing is pinned
     */
    public PinnedInputs(MicrosClock system) {
        this.system = system;
    }

    @Override
    public long nowUs() {
        return pinned ? pinnedUs : system.nowUs();
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        if (!pinned) {
            RandomSource.SECURE.nextBytes(out);
            return;
        }
        MessageDigest sha = sha256();
        int filled = 0;
        while (filled < out.length) {
            sha.update(seed);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(0, counter++));
            byte[] block = sha.digest();
            int n = Math.min(block.length, out.length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
    }

    /**
     * While an entry whose passwords were hashed on receipt applies, its "password" is the hash to
     * store; otherwise Argon2id as always.
     */
    @Override
    public String hash(String password, RandomSource random) {
        return prehashed ? password : PasswordHashing.ARGON2.hash(password, random);
    }

    /**
     * While an entry whose passwords were hashed on receipt applies, its current password was
     * checked on the receiving node before logging ({@link CredentialPrehash#VERIFIED}).
     */
    @Override
    public boolean verify(String password, String phc) {
        return prehashed ? CredentialPrehash.VERIFIED.equals(password) : PasswordHashing.ARGON2.verify(password, phc);
    }

    /**
     * While an entry whose token was made on receipt applies, its seed is the token's hash and no
     * node but the receiving one knows the token; otherwise a token drawn from {@code random}.
     */
    @Override
    public NewToken mint(RandomSource random) {
        byte[] hash = seed;
        if (pinned && tokenHashed && hash != null) {
            return new NewToken("", HexFormat.of().formatHex(hash));
        }
        return TokenSecrets.RANDOM.mint(random);
    }

    synchronized void pin(long timeUs, byte[] entrySeed, boolean credentialsHashed) {
        pin(timeUs, entrySeed, credentialsHashed, false);
    }

    synchronized void pin(long timeUs, byte[] entrySeed, boolean credentialsHashed, boolean tokenMadeOnReceipt) {
        pinnedUs = timeUs;
        seed = entrySeed;
        counter = 0;
        prehashed = credentialsHashed;
        tokenHashed = tokenMadeOnReceipt;
        pinned = true;
    }

    synchronized void unpin() {
        pinned = false;
        prehashed = false;
        tokenHashed = false;
        seed = null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
