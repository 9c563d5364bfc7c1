package org.iggyj.transport.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Logs connections without SASL in as the configured {@code anonymous_username} at the cost of one
 * password hash per {@link #VERIFIED_FOR_SECONDS} seconds rather than one per connection: Kafka
 * clients open several connections each (bootstrap, broker, group coordinator), and Argon2 was the
 * largest server cost of a short Kafka perf-tool run and delayed each connection's first request.
 *
 * <p>The first connection logs in with the configured credentials through the kernel's login command
 * (Argon2, throttling, inactive-user refusal, exactly as for any client) and the user id it answers is
 * remembered; connections arriving within the window are logged in as that user with
 * {@link org.iggyj.spi.Sessions#loginVerified} and wait for a verification still running instead of
 * starting their own. After the window, or after a failed verification, the next connection verifies
 * again, so a changed password or a deactivated user locks out new Kafka connections within the
 * window (existing sessions of any transport keep their login after a password change, as in Iggy).
 * Permissions are checked for the user on every command as always. Thread-safe.
 */
final class AnonymousLogin {

    /** How long one successful verification of the configured credentials serves new connections. */
    static final long VERIFIED_FOR_SECONDS = 30;

    private final LongSupplier nanoClock;
    private final long validNanos;
    /** The latest verification: running, or done with the user id (-1 when the credentials failed). */
    private CompletableFuture<Long> verification;
    private long verifiedAtNanos;

    AnonymousLogin() {
        this(System::nanoTime, TimeUnit.SECONDS.toNanos(VERIFIED_FOR_SECONDS));
    }

    AnonymousLogin(LongSupplier nanoClock, long validNanos) {
        this.nanoClock = nanoClock;
        this.validNanos = validNanos;
    }

    /**
     * Logs one connection in.
     *
     * @param verify logs the connection in with the configured credentials through the login command;
     *               completes with the user id, or -1 when they are refused
     * @param reuse  logs the connection in as the given, already verified user id (any thread); false when
     *               the kernel cannot, and the connection then verifies for itself
     * @return whether the connection is now logged in (completed on any thread)
     */
    CompletionStage<Boolean> login(Supplier<CompletionStage<Long>> verify, LongPredicate reuse) {
        CompletableFuture<Long> shared;
        boolean mine = false;
        synchronized (this) {
            if (verification == null || stale()) {
                verification = new CompletableFuture<>();
                mine = true;
            }
            shared = verification;
        }
        if (mine) {
            CompletableFuture<Long> own = shared;
            return verify.get().handle((userId, failure) -> {
                long id = failure != null || userId == null ? -1 : userId;
                synchronized (this) {
                    verifiedAtNanos = nanoClock.getAsLong();
                }
                own.complete(id);
                if (failure != null) {
                    throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                }
                return id >= 0;
            });
        }
        return shared.thenCompose(userId -> {
            if (userId < 0) {
                return CompletableFuture.completedFuture(false);
            }
            if (reuse.test(userId)) {
                return CompletableFuture.completedFuture(true);
            }
            return verify.get().thenApply(id -> id >= 0);
        });
    }

    /** Whether the latest verification no longer serves: it failed, or it is older than the window. */
    private boolean stale() {
        if (!verification.isDone()) {
            return false;
        }
        long userId = verification.getNow(-1L);
        return userId < 0 || nanoClock.getAsLong() - verifiedAtNanos > validNanos;
    }
}
