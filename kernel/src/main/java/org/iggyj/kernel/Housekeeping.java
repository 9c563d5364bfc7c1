package org.iggyj.kernel;

import org.iggyj.kernel.auth.ExpiredTokenCleaner;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.config.DataMaintenanceConfig;
import org.iggyj.kernel.config.PatConfig;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.retention.MessageCleaner;
import org.iggyj.kernel.session.HeartbeatReaper;
import org.iggyj.kernel.session.LoginTimeoutReaper;
import org.iggyj.kernel.session.SessionRegistry;

/**
 * The server's timers that tidy its state while it runs: expired messages ({@code [data_maintenance]}),
 * expired personal access tokens, connections that do not log in in time, sessions without heartbeat.
 * Each is optional by configuration but the login timeouts.
 *
 * <p>Started on the thread that starts the server; closed under the server's lock.
 */
final class Housekeeping {

    private final ServerConfig config;
    private final MetadataWriter metadata;
    private final MessageCleaner cleaner;
    private ExpiredTokenCleaner tokenCleaner;
    private LoginTimeoutReaper loginTimeouts;
    private HeartbeatReaper heartbeatReaper;

    /**
     * @param config   the effective configuration
     * @param metadata the metadata (its streams, its tokens)
     */
    Housekeeping(ServerConfig config, MetadataWriter metadata) {
        this.config = config;
        this.metadata = metadata;
        this.cleaner = new MessageCleaner(metadata::current, MicrosClock.SYSTEM);
    }

    /** After storage is recovered: message retention and expired tokens. */
    void startStorageCleaners() {
        DataMaintenanceConfig maintenance = config.dataMaintenance();
        if (maintenance.cleanerEnabled()) {
            cleaner.start(maintenance.interval());
        }
        PatConfig pat = config.personalAccessToken();
        if (pat.cleanerEnabled()) {
            tokenCleaner = ExpiredTokenCleaner.start(metadata, MicrosClock.SYSTEM, pat.cleanerInterval());
        }
    }

    /** Login timeouts (sweeping the login guard too) and, when enabled, heartbeats. */
    void startSessionReapers(SessionRegistry sessions, LoginGuard loginGuard) {
        loginTimeouts = LoginTimeoutReaper.start(sessions.unauthenticated(), config.auth().loginTimeout(),
                loginGuard::sweep);
        if (config.heartbeat().enabled()) {
            heartbeatReaper = HeartbeatReaper.start(sessions, config.heartbeat().interval());
        }
    }

    /** Stops every timer started. */
    void close() {
        cleaner.close();
        if (heartbeatReaper != null) {
            heartbeatReaper.close();
        }
        if (loginTimeouts != null) {
            loginTimeouts.close();
        }
        if (tokenCleaner != null) {
            tokenCleaner.close();
        }
    }
}
