package org.iggyj.kernel.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.iggyj.kernel.config.AuthConfig;
import org.iggyj.kernel.metrics.MeterNames;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's login path policy, shared by every transport (they all reach the login commands
 * through the dispatcher with a session that carries the peer address): the throttle
 * ({@link LoginThrottle}), the hashing pool ({@link LoginGate}), the reuse of recent successful
 * password verifications ({@link VerifiedPasswords}), the audit log and the auth meters.
 *
 * <p>Audit lines go to the logger {@code iggy.auth.audit}: one per failed login (username, source,
 * transport; never a password or token), one when a throttle starts, and refused attempts at most
 * once a minute per throttled source or username, all within a global {@link LogBudget} so a flood
 * cannot fill the disk.
 *
 * <p>Thread-safe; called from event loops (checks) and hashing threads (outcomes).
 */
public final class LoginGuard implements AutoCloseable {

    private static final Logger AUDIT = LoggerFactory.getLogger("iggy.auth.audit");
    private static final long REFUSAL_LOG_EVERY_NS = TimeUnit.MINUTES.toNanos(1);
    private static final int AUDIT_LINES_PER_SECOND = 50;

    private final LoginThrottle throttle;
    private final LoginGate gate;
    private final long refusalDelayNs;
    private final LongSupplier nanoClock;
    private final LogBudget logBudget = new LogBudget(AUDIT_LINES_PER_SECOND);
    private final MeterRegistry meters;
    private final VerifiedPasswords verified;
    private final Counter passwordVerifications;
    private final Counter reusedVerifications;

    /**
     * @param config    the {@code [auth]} settings
     * @param meters    where the auth counters go
     * @param nanoClock {@link System#nanoTime()} or a test clock
     */
    public LoginGuard(AuthConfig config, MeterRegistry meters, LongSupplier nanoClock) {
        this.throttle = new LoginThrottle(config);
        this.gate = new LoginGate(config.hashingThreads(), config.maxPendingSuspect());
        this.refusalDelayNs = config.refusalDelay().toNanos();
        this.nanoClock = nanoClock;
        this.meters = meters;
        this.verified = new VerifiedPasswords(config.verifiedPasswordTtl().toNanos(), nanoClock);
        this.passwordVerifications = Counter.builder(MeterNames.PASSWORD_VERIFICATIONS)
                .description("Argon2id password verifications run for logins").register(meters);
        this.reusedVerifications = Counter.builder(MeterNames.LOGINS_REUSED)
                .description("password logins answered from a recent successful verification").register(meters);
        Gauge.builder(MeterNames.THROTTLED_SOURCES, throttle, t -> t.throttledSources(nanoClock.getAsLong()))
                .description("source addresses whose logins are throttled now").register(meters);
    }

    /**
     * Checks the throttle before anything else is done for a login.
     *
     * @param session  the caller
     * @param username the user the login is for, or null for a token login
     * @return null when the login may go on; else the refusal (error 40 after the refusal delay)
     */
    public <T> CompletionStage<T> refusal(Session session, String username) {
        String source = SourceKeys.of(session.remoteAddress());
        long now = nanoClock.getAsLong();
        LoginThrottle.Verdict verdict = throttle.check(username, source, now);
        if (verdict.allowed()) {
            return null;
        }
        String reason = verdict.reason() == LoginThrottle.Reason.SOURCE ? "source_throttled" : "user_throttled";
        refusedCounter(reason).increment();
        int refused = throttle.onRefusal(verdict, username, source, now, REFUSAL_LOG_EVERY_NS);
        if (refused > 0 && budget(now)) {
            AUDIT.warn("login refused: {} throttled for {} ms more; {} attempt(s) refused since the last report "
                    + "(last: user '{}' from {} over {})", verdict.reason() == LoginThrottle.Reason.SOURCE
                    ? "source " + source : "user '" + username + "'", verdict.retryAfterNs() / 1_000_000, refused,
                    printable(username), address(session), transport(session));
        }
        return delayedFailure(refusedException(verdict));
    }

    private static IggyException refusedException(LoginThrottle.Verdict verdict) {
        return new IggyException(ErrorCode.UNAUTHENTICATED, "too many failed logins from "
                + (verdict.reason() == LoginThrottle.Reason.SOURCE ? "this address" : "unknown addresses for this user")
                + ", retry in " + Math.max(1, verdict.retryAfterNs() / 1_000_000_000) + " s");
    }

    /**
     * Runs a password check on the hashing pool, behind checks from clean sources when the caller's
     * source failed recently.
     *
     * @param session  the caller
     * @param username the user the login is for
     * @param check    the password check and login; runs on a hashing thread
     * @return the check's result, or a refusal (40) when too many suspect checks wait already
     */
    public <T> CompletionStage<T> verify(Session session, String username, Supplier<T> check) {
        String source = SourceKeys.of(session.remoteAddress());
        LoginGate.Priority priority = throttle.check(username, source, nanoClock.getAsLong()).priority();
        // Many checks of one source can be queued at once (32 connections guessing from a clean source,
        // or right after its throttle ended); once its failures throttle it, the rest are refused here, on
        // the hashing thread before hashing, instead of each costing an Argon2 run.
        CompletableFuture<T> result = gate.submit(priority, () -> {
            LoginThrottle.Verdict now = throttle.check(username, source, nanoClock.getAsLong());
            if (!now.allowed()) {
                refusedCounter(now.reason() == LoginThrottle.Reason.SOURCE ? "source_throttled" : "user_throttled")
                        .increment();
                throw refusedException(now);
            }
            return check.get();
        });
        if (result != null) {
            return result;
        }
        refusedCounter("hashing_busy").increment();
        long now = nanoClock.getAsLong();
        if (budget(now)) {
            AUDIT.warn("login refused: too many password checks waiting from sources with recent failures "
                    + "(last from {} over {})", address(session), transport(session));
        }
        return delayedFailure(new IggyException(ErrorCode.UNAUTHENTICATED, "too many logins in progress"));
    }

    /**
     * Checks a login's password against a stored hash with Argon2id; call it on a hashing thread
     * ({@link #verify}).
     *
     * @param password the password presented
     * @param phc      the stored PHC string (or a dummy one for an unknown user)
     * @return whether it matches
     */
    public boolean verifyPassword(String password, String phc) {
        passwordVerifications.increment();
        return PasswordHasher.verify(password, phc);
    }

    /**
     * Remembers a successful {@link #verifyPassword} for {@link #recentlyVerified}.
     *
     * @param userId   the user logged in
     * @param active   whether it is active
     * @param phc      its stored PHC string the password matched
     * @param password the password that matched
     */
    public void verified(long userId, boolean active, String phc, String password) {
        verified.remember(userId, active, phc, password);
    }

    /**
     * Whether a login may skip Argon2id because this password was verified against this user's current
     * hash and status within {@code [auth] verified_password_ttl}; cheap enough for an event loop. Only
     * sources without recent failures are served: a throttled or suspect source goes through
     * {@link #verify} exactly as without the cache (its place in the hashing queue, the throttle checked
     * again just before hashing).
     *
     * @param session  the caller
     * @param username the user's name, as the throttle counts it
     * @param userId   the user the login is for
     * @param active   whether it is active now
     * @param phc      its stored PHC string now
     * @param password the password presented
     * @return true when the verification is reused; false means verify as usual
     */
    public boolean recentlyVerified(Session session, String username, long userId, boolean active, String phc,
                                    String password) {
        if (!verified.enabled()) {
            return false;
        }
        LoginThrottle.Verdict verdict = throttle.check(username, SourceKeys.of(session.remoteAddress()),
                nanoClock.getAsLong());
        if (!verdict.allowed() || verdict.suspect() || !verified.matches(userId, active, phc, password)) {
            return false;
        }
        reusedVerifications.increment();
        return true;
    }

    /**
     * Records and logs a failed login.
     *
     * @param session  the caller
     * @param username the user it was for, or null for a token login
     * @param why      what failed, e.g. "invalid password" (never the secret itself)
     */
    public void failed(Session session, String username, String why) {
        String source = SourceKeys.of(session.remoteAddress());
        long now = nanoClock.getAsLong();
        LoginThrottle.Failure failure = throttle.onFailure(username, source, now);
        Counter.builder(MeterNames.LOGIN_FAILURES).description("failed logins")
                .tag(MeterNames.TAG_TRANSPORT, transport(session)).register(meters).increment();
        if (budget(now)) {
            AUDIT.warn("login failed: user '{}' from {} over {}: {} ({} recent failure(s) from this source)",
                    username == null ? "(token)" : printable(username), address(session), transport(session), why,
                    failure.sourceFailures());
        }
        if (failure.sourceBlockedNs() > 0) {
            throttled("source", "source " + source, failure.sourceBlockedNs(), now);
        }
        if (failure.userBlockedNs() > 0) {
            throttled("user", "user '" + printable(username) + "' (for sources it never logged in from)",
                    failure.userBlockedNs(), now);
        }
    }

    /** Records a successful login: its username's failures are forgotten, its source becomes known. */
    public void succeeded(Session session, String username) {
        throttle.onSuccess(username, SourceKeys.of(session.remoteAddress()), nanoClock.getAsLong());
    }

    private void throttled(String kind, String what, long forNs, long now) {
        Counter.builder(MeterNames.THROTTLED).description("login throttle periods started")
                .tag(MeterNames.TAG_KIND, kind).register(meters).increment();
        if (budget(now)) {
            AUDIT.warn("login throttled: {} refused for {} ms after repeated failed logins", what, forNs / 1_000_000);
        }
    }

    private Counter refusedCounter(String reason) {
        return Counter.builder(MeterNames.LOGINS_REFUSED).description("logins refused before any check")
                .tag(MeterNames.TAG_REASON, reason).register(meters);
    }

    private boolean budget(long now) {
        long dropped = logBudget.tryAcquire(now);
        if (dropped > 0) {
            AUDIT.warn("{} auth audit line(s) suppressed (more than {} a second)", dropped, AUDIT_LINES_PER_SECOND);
        }
        return dropped >= 0;
    }

    private <T> CompletionStage<T> delayedFailure(IggyException refusal) {
        if (refusalDelayNs <= 0) {
            return CompletableFuture.failedFuture(refusal);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(refusalDelayNs, TimeUnit.NANOSECONDS)
                .execute(() -> result.completeExceptionally(refusal));
        return result;
    }

    /** Usernames come from the network: keep control characters out of the log. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static String address(Session session) {
        java.net.InetSocketAddress remote = session.remoteAddress();
        return remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString()
                : remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    private static String transport(Session session) {
        return session.transport().name().toLowerCase(Locale.ROOT);
    }

    /** Sweeps forgotten failures; the server calls it now and then. */
    public void sweep() {
        throttle.sweep(nanoClock.getAsLong());
        verified.sweep();
    }

    @Override
    public void close() {
        gate.close();
    }
}
