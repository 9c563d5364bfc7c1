package org.iggyj.kernel.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TokenRecord;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.partition.MicrosClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired personal access tokens every {@code personal_access_token.cleaner.interval}, as
 * Iggy 0.8's token cleaner does. Expired tokens are refused at login whether or not this runs; it
 * only keeps them from piling up in the metadata.
 *
 * <p>Threads: one daemon timer thread only submits the work; the removal itself runs on the
 * metadata shard through {@link MetadataWriter#mutate}, like every other metadata change.
 * {@link #close()} is idempotent and may be called from any thread.
 */
public final class ExpiredTokenCleaner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredTokenCleaner.class);

    private final MetadataWriter metadata;
    private final MicrosClock clock;
    private final ScheduledExecutorService timer;

    private ExpiredTokenCleaner(MetadataWriter metadata, MicrosClock clock, Duration interval) {
        this.metadata = metadata;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                new io.netty.util.concurrent.DefaultThreadFactory("iggy-token-cleaner", true));
        long periodMs = Math.max(1, interval.toMillis());
        timer.scheduleAtFixedRate(this::submit, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * @param metadata the metadata writer
     * @param clock    the server clock
     * @param interval the period between runs (positive)
     * @return a running cleaner
     */
    public static ExpiredTokenCleaner start(MetadataWriter metadata, MicrosClock clock, Duration interval) {
        return new ExpiredTokenCleaner(metadata, clock, interval);
    }

    private void submit() {
        metadata.mutate(this::removeExpired).whenComplete((removed, failure) -> {
            if (failure != null) {
                LOG.warn("Removing expired personal access tokens failed", failure);
            } else if (removed > 0) {
                LOG.info("Removed {} expired personal access tokens", removed);
            }
        });
    }

    /**
     * Removes every expired token. Metadata shard only.
     *
     * @return how many tokens were removed
     */
    int removeExpired() {
        int removed = 0;
        for (UserRecord user : withoutExpired(metadata.current(), clock.nowUs())) {
            removed += metadata.current().users().get(user.id()).tokens().size() - user.tokens().size();
            metadata.putUser(user);
        }
        return removed;
    }

    /**
     * @param md    a snapshot
     * @param nowUs the current time
     * @return the users that hold expired tokens, each without them
     */
    static List<UserRecord> withoutExpired(Metadata md, long nowUs) {
        List<UserRecord> changed = new ArrayList<>();
        for (UserRecord user : md.users().values()) {
            List<TokenRecord> kept = new ArrayList<>();
            for (TokenRecord token : user.tokens()) {
                if (!token.isExpired(nowUs)) {
                    kept.add(token);
                }
            }
            if (kept.size() != user.tokens().size()) {
                changed.add(user.withTokens(kept));
            }
        }
        return changed;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
